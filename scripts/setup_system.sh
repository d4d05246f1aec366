#!/usr/bin/env bash
# System packages the project uses beyond PyPI, from Debian:
#   fonts-wqy-zenhei fonts-arphic-uming fonts-arphic-ukai  CJK fonts for generating test documents
#   chromium                                                the headless-browser checks of report.html and
#                                                           of the desk (Playwright drives it; never its own download)
# Installed only where we are root with apt-get (CI, a fresh machine); elsewhere the
# tests that need them skip and say so. Nothing here is needed to run `verify`.
set -u
want=()
fc-list 2>/dev/null | grep -qi "wenquanyi zen hei" || want+=(fonts-wqy-zenhei)
ls /usr/share/fonts/truetype/arphic/uming.ttc >/dev/null 2>&1 || want+=(fonts-arphic-uming)
ls /usr/share/fonts/truetype/arphic/ukai.ttc >/dev/null 2>&1 || want+=(fonts-arphic-ukai)
command -v chromium >/dev/null 2>&1 || want+=(chromium)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages: ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends "${want[@]}" fontconfig >/dev/null) \
    || echo "warning: could not install ${want[*]}; tests that need them will be skipped" >&2
else
  echo "note: not root or no apt-get; install ${want[*]} yourself to run every test" >&2
fi
exit 0

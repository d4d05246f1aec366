// The desk's few lines of script: live progress (server-sent events), folder uploads
// with their relative paths, a reason before an override, a confirmation before a
// withdrawal, the print button.
(function () {
  'use strict';

  function text(el, value) { if (el) { el.textContent = value; } }

  // ---------------------------------------------------------------- live progress
  var lives = document.querySelectorAll('.live[data-id]');
  var watched = [];
  lives.forEach(function (el) {
    var state = el.getAttribute('data-state');
    if (state === 'queued' || state === 'running') { watched.push(el.getAttribute('data-id')); }
  });
  var onList = !!document.querySelector('table.applicants');
  var record = document.querySelector('#history[data-applicant]');  // an applicant's page: its decisions followed
  var source = null;
  if ((watched.length || onList || record) && window.EventSource) {
    var query = [];
    if (watched.length) { query.push('ids=' + watched.join(',')); }
    if (record) { query.push('decisions=' + record.getAttribute('data-applicant')); }
    source = new EventSource('/events' + (query.length ? '?' + query.join('&') : ''));
    source.addEventListener('progress', function (event) {
      var p = JSON.parse(event.data);
      var els = document.querySelectorAll('.live[data-id="' + p.id + '"]');
      if (!els.length) {
        if (onList && (p.state === 'queued' || p.state === 'running')) {
          var note = document.querySelector('.new-arrivals');
          if (note) { note.hidden = false; }
        }
        return;
      }
      els.forEach(function (el) {
        var was = el.getAttribute('data-state');
        el.setAttribute('data-state', p.state);
        if (p.state === 'queued' || p.state === 'running') {
          el.innerHTML = '<span class="step"></span><progress></progress><span class="pages"></span>';
          text(el.querySelector('.step'), p.step_zh || p.state_zh);
          var bar = el.querySelector('progress');
          bar.max = p.pages_total || 1;
          bar.value = p.pages_done || 0;
          text(el.querySelector('.pages'), p.pages_total ? (p.pages_done + '/' + p.pages_total + ' 页') : '');
        } else if (p.state === 'done') {
          // as the server writes it (the list reloaded): the verdict has its own column, filled
          // in below, and 查看 ends the row; a badge and a 查看报告 link here repeated both, and
          // went away on a reload (desk used end to end as a new reviewer)
          el.innerHTML = '<span class="step">已核验</span>';
          // the row's cells a check's end changes, rendered by the server with the list's
          // own macros (one rendering: the page reloaded shows the same)
          var row = el.closest('tr');
          if (row && p.cells) {
            Object.keys(p.cells).forEach(function (name) {
              var cell = row.querySelector('td.' + name);
              if (cell) { cell.innerHTML = p.cells[name]; }
            });
          }
          if (document.body.classList.contains('applicant-page') && was !== 'done') {
            window.location.reload();
          }
        } else {
          text(el, p.state_zh);
        }
      });
    });
  }

  // ---------------------------------------------------------------- file pickers in Chinese
  // The button and the name chosen are the page's own (选择 ZIP 文件 / 未选择文件), the native
  // input hidden under them: an English browser said Choose File / No file chosen.
  function chosenText(input) {
    var files = input.files || [];
    if (!files.length) { return '未选择文件'; }
    if (input.hasAttribute('webkitdirectory')) {
      var top = (files[0].webkitRelativePath || '').split('/')[0];
      return '已选择文件夹' + (top ? '「' + top + '」' : '') + '（' + files.length + ' 个文件）';
    }
    return files.length === 1 ? files[0].name : '已选择 ' + files.length + ' 个文件';
  }
  document.querySelectorAll('.pick').forEach(function (pick) {
    var input = pick.querySelector('input[type=file]');
    var chosen = pick.querySelector('.pick-chosen');
    if (!input || !chosen) { return; }
    pick.classList.add('js-pick');
    function show() { input.setCustomValidity(''); text(chosen, chosenText(input)); }
    input.addEventListener('change', show);
    // the browser's own 'Please select a file.' said in the page's words
    input.addEventListener('invalid', function () {
      if (input.validity.valueMissing) {
        input.setCustomValidity(input.hasAttribute('webkitdirectory') ? '请先选择要上传的文件夹' : '请先选择要上传的 ZIP 压缩包');
      }
    });
    show();  // a name kept by the browser (back, reload)
  });

  // ---------------------------------------------------------------- folder uploads
  document.querySelectorAll('form[data-folder-upload]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      if (!input || !input.files.length || !window.fetch) { return; }
      event.preventDefault();
      var data = new FormData();
      data.append('csrf_token', form.querySelector('input[name=csrf_token]').value);
      form.querySelectorAll('input[name=replaces]:checked').forEach(function (box) { data.append('replaces', box.value); });
      Array.prototype.forEach.call(input.files, function (file) {
        data.append('files', file, file.webkitRelativePath || file.name);
      });
      var status = form.querySelector('.upload-status');
      text(status, '正在上传 ' + input.files.length + ' 个文件…');
      form.querySelector('button').disabled = true;
      fetch(form.getAttribute('action'), {method: 'POST', body: data, credentials: 'same-origin',
                          headers: {'Accept': 'application/json'}})
        .then(function (response) { return response.json(); })
        .then(function (result) {
          if (result.ok) { window.location.href = result.redirect; return; }
          // refused here but to be sent elsewhere (an applicant's 补交): its page says why, beside its form
          if (result.redirect) { window.location.href = result.redirect; return; }
          text(status, result.error || '上传失败');
          form.querySelector('button').disabled = false;
        })
        .catch(function () {
          text(status, '上传失败（网络中断或内容过大）');
          form.querySelector('button').disabled = false;
        });
    });
  });

  // ---------------------------------------------------------------- overrides need a reason
  // (the reason is a text area: Enter in it never submits the form's first button, 确认)
  function bindDecideForm(form) {
    var reason = form.querySelector('[name=reason]');
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        if (!reason) { return; }
        reason.setCustomValidity('');  // 确认 needs no reason, whatever was refused before
        if (button.hasAttribute('data-needs-reason') && !reason.value.trim()) {
          event.preventDefault();
          reason.setCustomValidity(button.getAttribute('data-needs-reason') || '改判必须填写理由');
          reason.reportValidity();
          return;
        }
        // Several failures overridden to 通过 in one click: asked once more, with the count
        // (all of a panel's items start ticked; one click passed eight fails: desk used end
        // to end as a new reviewer). 确认 and a single card's override are not asked.
        var ticked = form.classList.contains('group-form') && button.classList.contains('to-pass') &&
          form.querySelector('input[name=status][value=fail]') ?
          form.querySelectorAll('input[name=finding]:checked').length : 0;
        if (ticked > 1 && !window.confirm('将所选 ' + ticked + ' 项不通过改判为通过？每项都将以同一理由记入审计记录。')) {
          event.preventDefault();
        }
      });
    });
    if (reason) { reason.addEventListener('input', function () { reason.setCustomValidity(''); }); }
    // a side-by-side panel's 全不选 / 全选: all its items start ticked
    var all = form.querySelector('button.tick-all');
    if (all) {
      var boxes = form.querySelectorAll('input[name=finding]');
      var label = function () {
        all.textContent = Array.prototype.some.call(boxes, function (b) { return b.checked; }) ? '全不选' : '全选';
      };
      all.addEventListener('click', function () {
        var tick = all.textContent === '全选';
        boxes.forEach(function (b) { b.checked = tick; });
        label();
      });
      boxes.forEach(function (b) { b.addEventListener('change', label); });
      label();
    }
  }

  // ---------------------------------------------------------------- undoing the final decision needs a reason
  // (written in the opinion box; the button skips the form's own check of a chosen decision)
  function bindFinalForm(form) {
    var opinion = form.querySelector('[name=opinion]');
    if (!opinion) { return; }
    form.querySelectorAll('button[type=submit]').forEach(function (button) {
      button.addEventListener('click', function (event) {
        opinion.setCustomValidity('');  // 保存最终决定 asks nothing of it here, whatever was refused before
        if (button.hasAttribute('data-needs-opinion') && !opinion.value.trim()) {
          event.preventDefault();
          opinion.setCustomValidity('撤销最终决定须在审核意见栏填写理由');
          opinion.reportValidity();
        }
      });
    });
    opinion.addEventListener('input', function () { opinion.setCustomValidity(''); });
  }

  // ---------------------------------------------------------------- decisions without reloading the page
  // A decision is sent in the background; the parts of the page it changes (the cards
  // decided, the final decision's panel, the counts, the side-by-side panels, the stale
  // decisions, the record) are put in place from the page fetched again without its
  // images. Each decision reloaded the whole page: every scan again (9 MB and 2-3 s for
  // 130 findings, desk exploration 7), the place on the page lost. Text typed in other
  // boxes is kept. Without fetch the forms post as before.
  var PARTS = ['decision', 'decision-top', 'tiles', 'groups', 'stale', 'history'];
  var onApplicant = document.body.classList.contains('applicant-page');

  function boxKey(area) {
    var form = area.form;
    if (!form) { return null; }
    var rule = form.querySelector('[name=rule]');
    return form.getAttribute('action') + '|' + (rule ? rule.value : '') + '|' + area.name;
  }

  function swap(id, fresh, sent) {
    var old = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (!old || !next) { return; }
    var typed = {};
    old.querySelectorAll('textarea').forEach(function (area) {
      if (area.value && area.form !== sent) { typed[boxKey(area)] = area.value; }
    });
    // a passing card's 改判 left open stays open (folded again once its own decision is sent)
    var opened = !!old.querySelector('details.redecide[open]') && !(sent && old.contains(sent));
    next = document.importNode(next, true);
    next.querySelectorAll('textarea').forEach(function (area) {
      var key = boxKey(area);
      if (key && typed[key] !== undefined) {
        area.value = typed[key];
        var fold = area.closest('details.redecide');
        if (fold) { fold.open = true; }  // what was typed stays in view
      }
    });
    if (opened) { next.querySelectorAll('details.redecide').forEach(function (d) { d.open = true; }); }
    old.replaceWith(next);
    bindAll(next);
    // a card's decision also shows in its head (改判后：通过), beside the tool's status,
    // and moves it to that status's filter
    if (/^finding-\d+$/.test(id)) {
      swap(id + '-after', fresh, sent);
      var card = document.getElementById(id);
      var was = fresh.getElementById(id);
      card = card && card.closest('article.finding');
      was = was && was.closest('article.finding');
      if (card && was) { card.setAttribute('data-filter-as', was.getAttribute('data-filter-as')); }
    }
  }

  // the status filter's counts (不通过 N / 需复核 N / 通过 N), after the reviewers' decisions,
  // from the page fetched again: they kept what the page was loaded with
  function filterCounts(fresh) {
    fresh.querySelectorAll('#findings .filters button[data-filter]').forEach(function (button) {
      var count = document.querySelector('#findings .filters button[data-filter="' +
                                         button.getAttribute('data-filter') + '"] b');
      var now = button.querySelector('b');
      if (count && now) { count.textContent = now.textContent; }
    });
  }

  function toast(message, error) {
    var box = document.querySelector('.toast');
    if (!box) {
      box = document.createElement('div');
      box.className = 'toast';
      box.setAttribute('role', 'status');
      document.body.appendChild(box);
    }
    box.classList.toggle('toast-error', !!error);
    box.textContent = message;
    box.hidden = false;
    clearTimeout(box.timer);
    box.timer = setTimeout(function () { box.hidden = true; }, error ? 8000 : 3000);
  }

  function refusedIn(form, message) {
    var holder = form.parentNode;
    var note = holder.querySelector(':scope > .refused');
    if (!note) {
      note = document.createElement('p');
      note.className = 'warn refused';
      note.setAttribute('role', 'alert');
      holder.insertBefore(note, form);
    }
    note.textContent = message;
  }

  function sendInBackground(form) {
    if (!onApplicant || !window.fetch || !window.DOMParser) { return; }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
      var buttons = form.querySelectorAll('button');
      form.setAttribute('data-sending', '1');
      buttons.forEach(function (b) { b.disabled = true; });
      var cards = [];
      var own = form.closest('.decide[id]');
      if (own) { cards.push(own.id); }
      form.querySelectorAll('input[name=finding]:checked').forEach(function (tick) { cards.push('finding-' + tick.value); });
      fetch(form.getAttribute('action'), {method: 'POST', body: data, credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(function (response) { return response.json(); })
        .then(function (result) {
          form.removeAttribute('data-sending');
          if (!result.ok) {
            buttons.forEach(function (b) { b.disabled = false; });
            // refused for another's decision made meanwhile: the card shows it, the refusal beside
            var box = form.closest('[data-held]');
            var target = form;
            if (box && held[box.id]) {
              applyHeld(box.id);
              var now = document.getElementById(box.id);
              target = (now && now.querySelector('form')) || form;
            }
            refusedIn(target, result.error || '未记录');
            toast(result.error || '未记录', true);
            return null;
          }
          return fetch(window.location.pathname + '?images=0', {credentials: 'same-origin'})
            .then(function (response) { return response.text(); })
            .then(function (html) {
              var fresh = new DOMParser().parseFromString(html, 'text/html');
              cards.concat(PARTS).forEach(function (id) { delete held[id]; });
              cards.forEach(function (id) { swap(id, fresh, form); });
              PARTS.forEach(function (id) { swap(id, fresh, form); });
              filterCounts(fresh);
              countOpen();
              toast(result.message || '已记录');
            });
        })
        .catch(function () {
          form.removeAttribute('data-sending');
          buttons.forEach(function (b) { b.disabled = false; });
          toast('网络中断：未能确认是否已记录，请刷新页面查看', true);
        });
    });
  }

  // ---------------------------------------------------------------- 待决定: the findings still to decide
  // A filter beside the report's own (全部/不通过/需复核/通过, by the tool's result): the
  // failing and to-review findings without a decision, the count kept as decisions are
  // made; with it on, a card decided leaves the list and the next one moves up (130
  // findings, 61 of them to act on, were scrolled through, decided ones included).
  var OPEN = '.flist .finding.st-fail:not(:has(.decided)):not([data-held-decided]),' +
             ' .flist .finding.st-review:not(:has(.decided)):not([data-held-decided])';

  // With none left, the filter's list was empty and said nothing (desk used end to end as a
  // new reviewer): a line in its place says what comes next, the final decision below the findings.
  function countOpen() {
    var count = document.querySelector('.filters .open-count');
    var left = document.querySelectorAll(OPEN).length;
    if (count) { count.textContent = left; }
    var done = document.querySelector('.flist .open-done');
    if (done) { done.hidden = left > 0; }
  }

  (function addOpenFilter() {
    var filters = onApplicant && document.querySelector('#findings .filters');
    if (!filters || !document.querySelector('.flist .decide')) { return; }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fb-open';
    button.setAttribute('data-filter', 'open');
    button.title = '不通过或需复核、尚无复核决定的各项';
    button.appendChild(document.createTextNode('待决定 '));
    var count = document.createElement('b');
    count.className = 'open-count';
    button.appendChild(count);
    filters.appendChild(button);
    var list = document.querySelector('#findings .flist');
    if (list) {
      var done = document.createElement('p');
      done.className = 'open-done';
      done.setAttribute('role', 'status');
      done.appendChild(document.createTextNode('不通过、需复核的各项都已有复核决定。下一步：在核验结果下方的「最终决定」中选择通过、不通过或退回补正并保存。'));
      var go = document.createElement('a');
      go.href = '#decision';
      go.textContent = '前往最终决定';
      done.appendChild(go);
      list.insertBefore(done, list.firstChild);
    }
    countOpen();
    // Where something is still to decide the page opens on it: the passes, most of the
    // cards, need nothing done (a reviewer scrolled past 29 of them to reach 3 fails:
    // desk used end to end as a new reviewer). 全部 is one click away.
    if (document.querySelectorAll(OPEN).length) { showFilter('open'); }
    revealTarget();
  })();

  // the report's filter buttons (report.js binds their clicks), set from here
  function showFilter(name) {
    var list = document.querySelector('#findings .flist');
    if (!list) { return; }
    document.querySelectorAll('#findings .filters button').forEach(function (b) {
      b.classList.toggle('on', b.getAttribute('data-filter') === name);
    });
    list.setAttribute('data-show', name);
  }

  // A link to a card the filter hides (材料清单's badges, #finding-N after a form sent
  // without script) shows 全部 and goes to the card, which was not shown.
  function revealTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var card = target && target.closest('.flist .finding');
    if (!card || card.getClientRects().length) { return; }
    showFilter('all');
    target.scrollIntoView();
  }
  window.addEventListener('hashchange', revealTarget);

  // ---------------------------------------------------------------- others' decisions, as they are made
  // The page follows its applicant's record (server-sent ``decisions``: the last entry's id):
  // when another reviewer decides, undoes or makes the final decision, the cards and parts
  // it changes are put in place as after one's own decision, text typed kept and the box
  // being typed in left alone. Two reviewers on one applicant each saw only their own
  // decisions until a reload, and learnt of the other's only from a refusal.
  // The card (or final decision) being typed in is not replaced while the reviewer types
  // (an input method's unfinished composition would be lost): where another's decision
  // changed it, it says so at once and takes the new state when the reviewer leaves it.
  // It was left as it was with nothing said: the reviewer typing a reason on a card
  // another had just decided saw the toast say it was shown, and the card unchanged
  // (desk exploration 2).
  var held = {};
  function shownText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll('.others-note, .refused').forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, ' ').trim();
  }
  function holdWhileTyping(id, fresh, by) {
    var old = document.getElementById(id);
    var next = fresh.getElementById(id);
    if (!old || !next || shownText(old) === shownText(next)) { return; }
    held[id] = fresh;
    var note = old.querySelector('.others-note');
    if (!note) {
      note = document.createElement('p');
      note.className = 'refused others-note';
      note.setAttribute('role', 'alert');
      old.insertBefore(note, old.firstChild);
    }
    var moved = /^finding-\d+$/.test(id) ? holdFilter(id, fresh) : null;
    note.textContent = (by ? by + ' 刚刚更新了此项' : '此项刚在您的其他窗口中更新') +
      '；您输入的内容已保留，离开此输入框后显示更新后的内容' +
      (moved ? '；此项现归入「' + moved + '」' + (shownHere(old) ? '' : '，离开后不再显示在当前筛选中') : '');
    if (old.getAttribute('data-held')) { return; }
    old.setAttribute('data-held', '1');
    old.addEventListener('focusout', function later(event) {
      if (event.relatedTarget && old.contains(event.relatedTarget)) { return; }
      if (old.querySelector('form[data-sending]')) { return; }  // its answer puts it in place
      old.removeEventListener('focusout', later);
      applyHeld(id);
    });
  }
  // A card held while typed in goes under the filter it now belongs to at once, as the
  // counts do (it sat under the old one until the reviewer left the box, the counts
  // saying otherwise: desk exploration 4, left 1); it stays shown (data-keep) until then,
  // and its head shows the new status. What it moved to, or null.
  var FILTER_NAMES = {fail: '不通过', review: '需复核', pass: '通过'};
  function holdFilter(id, fresh) {
    var card = document.getElementById(id);
    var was = fresh.getElementById(id);
    card = card && card.closest('article.finding');
    was = was && was.closest('article.finding');
    if (!card || !was) { return null; }
    var before = card.getAttribute('data-filter-as');
    var now = was.getAttribute('data-filter-as');
    card.setAttribute('data-filter-as', now);
    if (was.querySelector('.decided')) { card.setAttribute('data-held-decided', '1'); }
    else { card.removeAttribute('data-held-decided'); }
    card.setAttribute('data-keep', '1');
    swap(id + '-after', fresh, null);
    return now !== before ? (FILTER_NAMES[now] || now) : null;
  }
  function shownHere(box) {
    var card = box.closest('article.finding');
    var list = card && card.closest('.flist');
    var show = list && list.getAttribute('data-show');
    if (!show || show === 'all') { return true; }
    if (show === 'open') { return !card.hasAttribute('data-held-decided') && !card.classList.contains('st-pass'); }
    return card.getAttribute('data-filter-as') === show;
  }
  function applyHeld(id) {
    var page = held[id];
    delete held[id];
    if (page) { swap(id, page, null); filterCounts(page); countOpen(); }
    var box = document.getElementById(id);
    var card = box && box.closest('article.finding');
    if (card) { card.removeAttribute('data-keep'); card.removeAttribute('data-held-decided'); }
  }
  var refreshing = false;
  function refreshDecisions(by, mine) {
    if (refreshing || !window.fetch || !window.DOMParser) { return; }
    refreshing = true;
    fetch(window.location.pathname + '?images=0', {credentials: 'same-origin'})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var ids = [];
        fresh.querySelectorAll('.decide[id]').forEach(function (card) { ids.push(card.id); });
        ids.concat(PARTS).forEach(function (id) {
          var old = document.getElementById(id);
          if (old && document.activeElement && old.contains(document.activeElement) && id !== 'history') {
            holdWhileTyping(id, fresh, mine ? null : by);
            return;
          }
          swap(id, fresh, null);
        });
        filterCounts(fresh);
        countOpen();
        if (!mine) { toast(by + ' 刚刚更新了复核决定，已在页面上显示'); }
      })
      .catch(function () {})
      .then(function () { refreshing = false; });
  }
  if (source && record) {
    source.addEventListener('decisions', function (event) {
      var m = JSON.parse(event.data);
      var history = document.getElementById('history');
      if (!history || String(m.mark) === history.getAttribute('data-mark')) { return; }
      refreshDecisions(m.by, m.mine);
    });
  }

  function bindAll(root) {
    root.querySelectorAll('.decide-form').forEach(function (form) { bindDecideForm(form); sendInBackground(form); });
    root.querySelectorAll('form.final-form').forEach(function (form) { bindFinalForm(form); sendInBackground(form); });
  }
  bindAll(document);

  // ---------------------------------------------------------------- a step that cannot be undone at the desk
  // (withdrawing an applicant) asks once more; the browser's own check of the required
  // reason comes first, so the question is only asked of a complete form
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
    });
  });

  // ---------------------------------------------------------------- print
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();

# Two commands on a fresh machine:  `make demo`  and  `make test`  (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
OUT ?= out/sample
# test processes (pytest-xdist)
TEST_JOBS ?= 2

.PHONY: demo test setup clean

demo: setup
	$(VENV)/bin/verify batch fixtures/sample -o $(OUT)
	@echo "报告：$(OUT)/summary.csv 与 $(OUT)/<申报人>/report.html"

# PYTHONDONTWRITEBYTECODE emptied: where the environment sets it, every worker process the tests
# start (hundreds) compiled the toolkit's modules again; the .pyc files go to __pycache__/ (ignored)
test: setup
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q -n $(TEST_JOBS) --dist worksteal

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup_system.sh
	bash scripts/setup_system.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	# rapidocr-onnxruntime pulls the GUI opencv-python; keep only the headless wheel
	$(PY) -m pip uninstall -y -q opencv-python || true
	$(PY) -m pip install -q --force-reinstall --no-deps "opencv-python-headless==$$($(PY) -m pip show opencv-python-headless | sed -n 's/^Version: //p')"
	$(PY) -c "import cv2, onnxruntime, rapidocr_onnxruntime; print('ok: opencv', cv2.__version__, '| onnxruntime', onnxruntime.__version__)"
	touch $@

clean:
	rm -rf $(VENV) out

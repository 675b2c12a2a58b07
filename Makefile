# The portal's commands. Each creates .venv with the machine's python3 when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE ?= siem_portal.settings.local

.PHONY: run test lint worker install install-dev migrate messages catalogues clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements.txt requirements-dev.txt $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed
install-dev: $(BIN)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

## make run: install, migrate, compile the catalogues, load the demo content and serve on http://127.0.0.1:8000
run: migrate catalogues
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## make test: install the dev requirements and run the pytest suite
test: install-dev catalogues
	DJANGO_SETTINGS_MODULE=siem_portal.settings.test $(BIN)/pytest $(PYTEST_ARGS)

## make lint: ruff's rules and format, and no dead code (vulture, see .ci/deadcode.py and vulture_whitelist.py)
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python .ci/deadcode.py

## make worker: a Celery worker with beat against CELERY_BROKER_URL
worker: install
	@test -n "$$CELERY_BROKER_URL" || (echo "Set CELERY_BROKER_URL, for example redis://127.0.0.1:6379/0" && exit 1)
	$(BIN)/celery -A siem_portal worker --beat --loglevel=INFO --concurrency=2

## make messages: refresh the translation catalogues of every language
messages: install
	$(BIN)/python manage.py makemessages --all --ignore=.venv --ignore=static/vendor

## make catalogues: compile locale/*/LC_MESSAGES/django.po into the .mo files Django reads, with Babel
## (pure Python: no system gettext needed). The .mo files are not kept in git.
catalogues: install
	$(BIN)/pybabel compile --domain django --directory locale --statistics

clean:
	rm -rf $(VENV) locale/*/LC_MESSAGES/*.mo db.sqlite3 staticfiles .test-media

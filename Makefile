.PHONY: run test lock bench bench-quick messages

# Set up and serve the portal with demo data on SQLite (no servers needed): http://127.0.0.1:8000
run:
	scripts/run.sh

# The whole test suite on throwaway PostgreSQL and Redis (installs what is missing). ARGS go to pytest.
test:
	scripts/test.sh $(ARGS)

# Benchmarks and the bounded load test (minutes; prints figures, never fails on timing). See docs/benchmarks.md.
bench:
	scripts/venv.sh dev
	.venv/bin/python bench/run_all.py

bench-quick:
	scripts/venv.sh dev
	.venv/bin/python bench/run_all.py --quick

# Re-resolve the pinned dependencies after editing pyproject.toml.
lock:
	.venv/bin/pip-compile -q --strip-extras --no-header -o requirements/base.txt pyproject.toml
	.venv/bin/pip-compile -q --strip-extras --no-header --extra dev -o requirements/dev.txt pyproject.toml

messages:
	DJANGO_DEBUG=true .venv/bin/python manage.py makemessages -l en --no-location --ignore=.venv --ignore=var
	DJANGO_DEBUG=true .venv/bin/python manage.py compilemessages --ignore=.venv

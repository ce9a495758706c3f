#!/usr/bin/env bash
# Browser tests against the built portal (npm run build first) on a database of their own: a
# fresh database on the PostgreSQL server, migrated and seeded as its owner, served as vawg_app,
# and dropped afterwards. Arguments go to `playwright test`.
#   E2E_PG_SERVER     the server, as a superuser (default postgres://postgres@127.0.0.1:5432)
#   E2E_APP_PASSWORD  the password vawg_app logs in with (default: the integration tests' own)
set -euo pipefail
cd "$(dirname "$0")/.."

server="${E2E_PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
app_password="${E2E_APP_PASSWORD:-vawg-app-test-password}"
name="vawg_e2e_$$_${RANDOM}"
admin() { PGOPTIONS="-c client_min_messages=warning" psql "$server/postgres" -v ON_ERROR_STOP=1 -qAt "$@"; }

# The seed seals the demo authenticator secret under SECRETS_KEY: the same key the portal is started
# with (playwright.config.ts keeps one that is already set). A fresh random one per run, as the
# production build refuses a guessable key.
export SECRETS_KEY="${SECRETS_KEY:-$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("base64"))')}"
admin -c "create database $name"
trap 'admin -c "drop database if exists $name with (force)" >/dev/null' EXIT
DATABASE_URL="" DATABASE_MIGRATION_URL="$server/$name" npm run --silent db:seed
admin -c "alter role vawg_app login password '$app_password'"

app_url=$(node -e 'const u = new URL(process.argv[1]); u.username = "vawg_app"; u.password = process.argv[2]; process.stdout.write(u.toString())' "$server/$name" "$app_password")
DATABASE_URL="$app_url" E2E_ADMIN_DATABASE_URL="$server/postgres" npx playwright test "$@"

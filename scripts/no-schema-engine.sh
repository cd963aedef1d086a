#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded offline.
# It must fail: with a no-op (e.g. /bin/true) `prisma migrate deploy` reports success
# and applies nothing.
echo "keysmith: Prisma's native schema engine is not installed here." >&2
echo "keysmith: use 'npm run db:migrate' and 'npm run db:diff -- <name>' (WebAssembly engine) instead." >&2
exit 1

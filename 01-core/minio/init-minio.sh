#!/bin/sh
# Runs once per `docker compose up` in the minio-init job (minio/mc image): creates the buckets
# and the services' S3 user, which may use only those buckets. Every step is idempotent.
set -eu

mc alias set scribe "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

for bucket in $BUCKETS; do
    mc mb --ignore-existing "scribe/$bucket"
done

if [ "$S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
    echo "S3_ACCESS_KEY must differ from MINIO_ROOT_USER: the services get their own, non-root user" >&2
    exit 1
fi

# `user add` on an existing user updates its secret, so a changed S3_SECRET_KEY takes effect.
mc admin user add scribe "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
mc admin policy create scribe scribe-app /init/scribe-app-policy.json
if ! mc admin user info scribe "$S3_ACCESS_KEY" | grep -q 'scribe-app'; then
    mc admin policy attach scribe scribe-app --user "$S3_ACCESS_KEY"
fi
echo "buckets ready: $BUCKETS; user $S3_ACCESS_KEY has policy scribe-app"

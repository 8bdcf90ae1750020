# syntax=docker/dockerfile:1
# cyberindex: the dashboard (gunicorn), the loader and the scheduler share this image.
# Build stage: a venv with the locked dependencies and the project installed in editable mode against
# /app, so the code's PROJECT_ROOT (datasets/, var/) is /app in the runtime stage too.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
# The runtime lock first (its own layer, rebuilt only when the pins change): the exact versions the
# suite ran with, each checked against its hash; then the project, resolving nothing more.
COPY requirements/runtime.txt ./requirements/
RUN pip install --require-hashes -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY etl ./etl
COPY dashboard ./dashboard
RUN pip install --no-deps -e . \
    && pip check \
    && find /opt/venv -name '__pycache__' -prune -exec rm -rf {} +

# Runtime stage: slim Python, the venv, only the runtime files, a non-root user.
FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/venv/bin:$PATH \
    CYBERINDEX_HOST=0.0.0.0 CYBERINDEX_PORT=8050
RUN useradd --system --uid 10001 --user-group --create-home --home-dir /home/cyberindex cyberindex
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY etl ./etl
COPY dashboard ./dashboard
COPY datasets ./datasets
# var/ holds the embedded SQLite store and raw snapshots (a volume in compose.yaml). Loading the
# bundled data here makes `docker run` show a dashboard at once; compose uses PostgreSQL instead.
RUN mkdir -p /app/var/raw && chown -R cyberindex:cyberindex /app/var
USER cyberindex
RUN cyberindex db upgrade && cyberindex etl run --all
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=40s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; port = os.environ.get('CYBERINDEX_PORT', '8050'); sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=4).status == 200 else 1)"]
# serve reads CYBERINDEX_HOST and CYBERINDEX_PORT, which the health check probes too.
CMD ["cyberindex", "serve"]

# syntax=docker/dockerfile:1
# cyberindex dashboard: slim Python, non-root user, bundled data loaded at build time.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY etl ./etl
COPY dashboard ./dashboard
RUN pip install --no-cache-dir --prefix=/install .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    CYBERINDEX_DATABASE_URL=sqlite:////app/var/cyberindex.db \
    CYBERINDEX_RAW_DIR=/app/var/raw \
    CYBERINDEX_DATASETS_DIR=/app/datasets \
    CYBERINDEX_HOST=0.0.0.0
RUN useradd --create-home --uid 10001 cyberindex
COPY --from=build /install /usr/local
WORKDIR /app
COPY --chown=cyberindex:cyberindex datasets ./datasets
USER cyberindex
RUN mkdir -p /app/var && cyberindex etl run --all
EXPOSE 8050
CMD ["cyberindex", "serve", "--host", "0.0.0.0", "--port", "8050"]

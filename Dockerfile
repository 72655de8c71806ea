# The honglian API (and CLI) image. Neo4j runs in its own container (docker-compose.yml).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY seed ./seed
COPY cypher ./cypher
RUN pip install --no-cache-dir -e . && useradd --system honglian
USER honglian
EXPOSE 8000
CMD ["honglian", "serve", "--host", "0.0.0.0", "--port", "8000"]

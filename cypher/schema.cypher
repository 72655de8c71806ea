// Constraints and indexes of the honglian graph. Applied idempotently by
// `honglian schema apply` (and `make run`). Statements are separated by ';'.
// Every entity carries the label Entity plus its type's label (graph/schema.yaml).

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT initiative_id IF NOT EXISTS FOR (n:Initiative) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT award_id IF NOT EXISTS FOR (n:Award) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT graph_meta_id IF NOT EXISTS FOR (n:GraphMeta) REQUIRE n.id IS UNIQUE;

// Statements: what one source states about one entity or relationship (graph/statements.py).
// Entities and relationships are derived from them; these indexes find a source's statements and
// every statement about one subject.
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (s:Statement) REQUIRE s.id IS UNIQUE;
CREATE INDEX statement_subject IF NOT EXISTS FOR (s:Statement) ON (s.subject);
CREATE INDEX statement_source IF NOT EXISTS FOR (s:Statement) ON (s.source_id);

// Relationship ids are unique per type.
CREATE CONSTRAINT pairs_with_id IF NOT EXISTS FOR ()-[r:PAIRS_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT donates_to_id IF NOT EXISTS FOR ()-[r:DONATES_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT hosts_event_id IF NOT EXISTS FOR ()-[r:HOSTS_EVENT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT organizes_id IF NOT EXISTS FOR ()-[r:ORGANIZES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT holds_position_id IF NOT EXISTS FOR ()-[r:HOLDS_POSITION]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT located_in_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT signs_agreement_id IF NOT EXISTS FOR ()-[r:SIGNS_AGREEMENT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT supports_id IF NOT EXISTS FOR ()-[r:SUPPORTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT received_award_id IF NOT EXISTS FOR ()-[r:RECEIVED_AWARD]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT confers_id IF NOT EXISTS FOR ()-[r:CONFERS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT visits_id IF NOT EXISTS FOR ()-[r:VISITS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT derived_from_id IF NOT EXISTS FOR ()-[r:DERIVED_FROM]-() REQUIRE r.id IS UNIQUE;

// Filters used by the API's lists.
CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX place_level IF NOT EXISTS FOR (n:Place) ON (n.level);

// Substring search (`search_text CONTAINS $q`, for one-character queries) without scanning every entity.
CREATE TEXT INDEX entity_search_text IF NOT EXISTS FOR (n:Entity) ON (n.search_text);

// Full-text search over names and aliases; the cjk analyzer indexes Chinese
// bigrams, so 雄业 finds 广州市雄业物流有限公司.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: SCHEMA "public"; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA "public" IS 'standard public schema';


--
-- Name: revisions_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION "public"."revisions_refuse_change"() RETURNS "trigger"
    LANGUAGE "plpgsql"
    AS $$
BEGIN
    RAISE EXCEPTION 'revisions are append-only';
END;
$$;


SET default_tablespace = '';

SET default_table_access_method = "heap";

--
-- Name: __diesel_schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."__diesel_schema_migrations" (
    "version" character varying(50) NOT NULL,
    "run_on" timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: citations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."citations" (
    "id" "text" NOT NULL,
    "claim_id" "text" NOT NULL,
    "source_id" "text" NOT NULL,
    "position" integer NOT NULL,
    "quote" "text",
    "locator" "text",
    "url" "text"
);


--
-- Name: claim_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."claim_tags" (
    "claim_id" "text" NOT NULL,
    "tag" "text" NOT NULL
);


--
-- Name: claims; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."claims" (
    "id" "text" NOT NULL,
    "statement" "text" NOT NULL,
    "statement_key" "text" NOT NULL,
    "subject_id" "text",
    "property" "text",
    "value" "text",
    "value_lower" double precision,
    "value_upper" double precision,
    "value_key" "text",
    "occurred_value" "text",
    "occurred_precision" "text",
    "occurred_start" timestamp without time zone,
    "occurred_end" timestamp without time zone,
    "occurred_sort" timestamp without time zone NOT NULL,
    "place" "text",
    "claimed_at" timestamp without time zone,
    "claimant_entity_id" "text",
    "claimant_text" "text",
    "confidence" double precision NOT NULL,
    "credibility" integer,
    "verdict" "text" DEFAULT 'unreviewed'::"text" NOT NULL,
    "verdict_note" "text",
    "search_text" "text" NOT NULL,
    "retracted_at" timestamp without time zone,
    "retracted_reason" "text",
    "revision" bigint NOT NULL,
    "head_hash" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text" NOT NULL,
    "search_vector" "tsvector" GENERATED ALWAYS AS ("array_to_tsvector"("array_remove"("string_to_array"("search_text", ' '::"text"), ''::"text"))) STORED
);


--
-- Name: contradictions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."contradictions" (
    "id" "text" NOT NULL,
    "claim_a" "text" NOT NULL,
    "claim_b" "text" NOT NULL,
    "origin" "text" NOT NULL,
    "status" "text" NOT NULL,
    "note" "text",
    "resolution_note" "text",
    "preferred_claim_id" "text",
    "subject_id" "text",
    "property" "text",
    "revision" bigint NOT NULL,
    "head_hash" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text",
    CONSTRAINT "contradictions_check" CHECK (("claim_a" < "claim_b")),
    CONSTRAINT "contradictions_origin_check" CHECK (("origin" = ANY (ARRAY['detected'::"text", 'manual'::"text"]))),
    CONSTRAINT "contradictions_status_check" CHECK (("status" = ANY (ARRAY['open'::"text", 'confirmed'::"text", 'dismissed'::"text", 'resolved'::"text"])))
);


--
-- Name: entities; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."entities" (
    "id" "text" NOT NULL,
    "kind" "text" NOT NULL,
    "name" "text" NOT NULL,
    "aliases" "text" DEFAULT '[]'::"text" NOT NULL,
    "description" "text",
    "search_text" "text" NOT NULL,
    "retracted_at" timestamp without time zone,
    "retracted_reason" "text",
    "revision" bigint NOT NULL,
    "head_hash" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text" NOT NULL
);


--
-- Name: idempotency_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."idempotency_keys" (
    "user_id" "text" NOT NULL,
    "key" "text" NOT NULL,
    "request_hash" "text" NOT NULL,
    "status" integer NOT NULL,
    "location" "text",
    "etag" "text",
    "response_body" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL
);


--
-- Name: login_failures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."login_failures" (
    "id" "text" NOT NULL,
    "username" "text" NOT NULL,
    "client_ip" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL
);


--
-- Name: properties; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."properties" (
    "key" "text" NOT NULL,
    "label" "text" NOT NULL,
    "description" "text",
    "value_type" "text" NOT NULL,
    "single_valued" boolean NOT NULL,
    "unit" "text",
    "revision" bigint NOT NULL,
    "head_hash" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text",
    CONSTRAINT "properties_value_type_check" CHECK (("value_type" = ANY (ARRAY['quantity'::"text", 'entity'::"text", 'text'::"text", 'time'::"text", 'boolean'::"text"])))
);


--
-- Name: refresh_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."refresh_tokens" (
    "token_hash" "text" NOT NULL,
    "session_id" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "expires_at" timestamp without time zone NOT NULL,
    "used_at" timestamp without time zone
);


--
-- Name: revisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."revisions" (
    "seq" bigint NOT NULL,
    "txid" bigint DEFAULT (("pg_current_xact_id"())::"text")::bigint NOT NULL,
    "record_kind" "text" NOT NULL,
    "record_id" "text" NOT NULL,
    "revision" bigint NOT NULL,
    "action" "text" NOT NULL,
    "author_id" "text",
    "created_at" timestamp without time zone NOT NULL,
    "edit_summary" "text",
    "snapshot" "text" NOT NULL,
    "snapshot_hash" "text" NOT NULL,
    "prev_hash" "text" NOT NULL,
    "hash" "text" NOT NULL
);


--
-- Name: revisions_seq_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE "public"."revisions_seq_seq"
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: revisions_seq_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE "public"."revisions_seq_seq" OWNED BY "public"."revisions"."seq";


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."sessions" (
    "id" "text" NOT NULL,
    "user_id" "text" NOT NULL,
    "kind" "text" NOT NULL,
    "name" "text",
    "role" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "expires_at" timestamp without time zone NOT NULL,
    "revoked_at" timestamp without time zone,
    "revoked_reason" "text",
    CONSTRAINT "sessions_kind_check" CHECK (("kind" = ANY (ARRAY['login'::"text", 'api'::"text"]))),
    CONSTRAINT "sessions_role_check" CHECK (("role" = ANY (ARRAY['viewer'::"text", 'editor'::"text", 'reviewer'::"text", 'admin'::"text"])))
);


--
-- Name: sources; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."sources" (
    "id" "text" NOT NULL,
    "kind" "text" NOT NULL,
    "title" "text" NOT NULL,
    "url" "text",
    "publisher" "text",
    "authors" "text" DEFAULT '[]'::"text" NOT NULL,
    "published_at" "text",
    "language" "text",
    "reliability" "text" DEFAULT 'F'::"text" NOT NULL,
    "archived_url" "text",
    "search_text" "text" NOT NULL,
    "publisher_key" "text",
    "retracted_at" timestamp without time zone,
    "retracted_reason" "text",
    "revision" bigint NOT NULL,
    "head_hash" "text" NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text" NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE "public"."users" (
    "id" "text" NOT NULL,
    "username" "text" NOT NULL,
    "display_name" "text",
    "role" "text" NOT NULL,
    "disabled" boolean DEFAULT false NOT NULL,
    "password_hash" "text" NOT NULL,
    "revision" bigint DEFAULT 1 NOT NULL,
    "created_at" timestamp without time zone NOT NULL,
    "updated_at" timestamp without time zone NOT NULL,
    "created_by" "text",
    "head_hash" "text" DEFAULT ''::"text" NOT NULL,
    CONSTRAINT "users_role_check" CHECK (("role" = ANY (ARRAY['viewer'::"text", 'editor'::"text", 'reviewer'::"text", 'admin'::"text"])))
);


--
-- Name: revisions seq; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."revisions" ALTER COLUMN "seq" SET DEFAULT "nextval"('"public"."revisions_seq_seq"'::"regclass");


--
-- Data for Name: __diesel_schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."__diesel_schema_migrations" ("version", "run_on") VALUES ('20261126000001', '2026-11-29 09:08:43.28595');
INSERT INTO "public"."__diesel_schema_migrations" ("version", "run_on") VALUES ('20261126000002', '2026-11-29 09:08:43.315623');
INSERT INTO "public"."__diesel_schema_migrations" ("version", "run_on") VALUES ('20261126000003', '2026-11-29 09:08:43.406206');


--
-- Data for Name: citations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59b0-75bc-8b9a-8814f2cc44bb', '01a22690-59ad-7039-ac01-730e6efe10fe', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'have claimed responsibility for attacking a police truck of the Balochistan Constabulary', 'paragraph 1', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59b8-7655-a63e-e056706aced7', '01a22690-59b7-7685-b305-6936b45fc788', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'attacking a police truck of the Balochistan Constabulary in the morning hours of November 30', 'paragraph 1', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59bc-70a2-b81f-64fdab86c9ac', '01a22690-59bb-7779-89af-15d7c33428de', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'causing at least one police fatality', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59c0-70a7-a9f9-21e7d70967a1', '01a22690-59bf-7753-8e5f-dfcce85b1752', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'killing two other civilians, a woman and a minor', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59c3-73e8-a673-c9946bee6968', '01a22690-59c2-76f4-b0c6-f57485aa18e6', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'At least 20 other police personnel are also reportedly injured', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59c7-778d-9a34-eca84934e19a', '01a22690-59c6-7542-8564-bb0084943cb2', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'rammed a motorbike or rickshaw packed with explosives into the police truck', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59cb-741a-a398-85bdb976756c', '01a22690-59cb-741a-a398-85bcea7f6d97', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'rammed a motorbike or rickshaw packed with explosives into the police truck', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59d0-74cc-89a1-72c1693a8491', '01a22690-59cf-7106-86ee-8e438301c445', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'The police units were protecting a polio vaccination team according to DIG Police Azfar Mahesar', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59d2-7504-8354-a74dbed301f3', '01a22690-59d2-7504-8354-a74ca949a589', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'This comes barely two days after the TTP ended their tenuous ceasefire with the Pakistani state', 'paragraph 3', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59d5-73c2-a6e6-9ae27310c313', '01a22690-59d4-7380-a673-a764f154dbc9', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'Hina Rabbani Khar, visited Kabul for scheduled talks with the Afghan Taliban', 'paragraph 3', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59d7-7646-aff6-be1978d63033', '01a22690-59d6-7150-9dc3-ba288adb5c4f', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'the Afghan Taliban were mediating this ceasefire between the TTP and Pakistan', 'paragraph 4', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59d9-74b5-b4f1-8130b186b4da', '01a22690-59d8-70a1-975e-37e4988a8899', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'issued in a handwritten letter signed by Mufti Muzahim, TTP''s deputy leader (naib ameer)', 'paragraph 5', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59db-76d1-ad92-807717cb2484', '01a22690-59db-76d1-ad92-8076f206d59b', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'Mufti Muzahim, TTP''s deputy leader (naib ameer) and ‘defense minister’', 'paragraph 5', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59de-777a-8077-477bc2c68c8a', '01a22690-59dd-77f0-ba25-1847d87c8e91', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'the Lakki Marwat joint security operation that started on November 26', 'paragraph 7', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59e0-7795-badf-65d4306c84fa', '01a22690-59e0-7795-badf-65d3eb985d7b', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'multiple attacks that the TTP claimed responsibility for carrying out in Lakki Marwat district on November 25', 'paragraph 7', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59e2-7522-a807-179d7dc49c9d', '01a22690-59e2-7522-a807-179c12183cc2', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'would “put pressure” on the Afghan Taliban to restrain the Pakistani Taliban', 'paragraph 8', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59e5-710d-b015-5bb517f92d63', '01a22690-59e4-726e-9b0c-1549c8a93e82', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'In April 2021, the TTP claimed responsibility for a suicide bombing attack on Serena Hotel in Quetta''s heavily guarded red zone', 'paragraph 9', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59e7-7020-89ce-c5517d842c4c', '01a22690-59e6-72e3-a836-12dc24376bcf', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'As the Afghan Taliban emerged victorious, on August 15 no less', 'paragraph 10', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59e9-7571-b86e-607f4eb23a50', '01a22690-59e9-7571-b86e-607e22218b96', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a three-month-long ceasefire between the TTP and Pakistan, became public knowledge by October 2021', 'paragraph 10', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-59ec-70df-bfd0-7bb4789520d0', '01a22690-59eb-77dc-b396-09092982ad08', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a ''rogue'' Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing', 'paragraph 15', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5d5a-76b5-b3f9-1c9b53063ee3', '01a22690-5d51-70a6-a75a-1315ac3817a6', '01a22690-5c6c-7516-82cf-9c2f2fb45761', 0, NULL, 'paragraph 1', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5d79-73cd-af2e-b4518af29cf1', '01a22690-5d6c-77e5-aabe-1fa353d5d30b', '01a22690-5c78-77ef-9a62-5276397484f4', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5db4-76d6-84a8-d184fa6375e0', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'At least 20 other police personnel are also reportedly injured.', 'paragraph 2', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5db5-743a-9c92-6cd37ade5898', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 1, 'Twenty policemen were injured, three of them critically.', 'paragraph 4', 'https://news.example.org/2022/11/30/quetta-police-truck-attack#injured');
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5db5-743a-9c92-6cd43935f796', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', '01a22690-5c5d-757b-8b06-16a5d73169c8', 2, 'کم از کم 20 پولیس اہلکار زخمی ہوئے', 'پیراگراف 3', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e29-77cb-8873-eadbbcdadf25', '01a22690-5e27-7247-b5e7-deac58272caf', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'the effectiveness of this ceasefire has been questioned throughout 2022', 'paragraph 4', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e3c-7793-8b51-48a063b95573', '01a22690-5e3a-706b-8eba-1da667c89a5e', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'In April 2021, the TTP claimed responsibility for a suicide bombing attack on Serena Hotel in Quetta''s heavily guarded red zone.', NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e4a-7145-8952-7aaeb2486e1a', '01a22690-5e48-773e-8fc9-a6c9079835b7', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a suicide attacker rammed a motorbike or rickshaw', NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e55-70e9-b255-19b7f0488ccf', '01a22690-5e54-72ef-b39d-217a6c737ee5', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a suicide attacker rammed a motorbike or rickshaw', NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e63-71cd-8092-a5ff1bef5526', '01a22690-5e62-70a2-9855-d1a3a46c0dfc', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a handwritten letter signed by Mufti Muzahim', 'paragraph 5', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e6f-719f-b8e9-f5fee5594fca', '01a22690-5e6e-7407-9281-526e7ae7d2d1', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'a handwritten letter signed by Mufti Muzahim', 'paragraph 5', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e7d-748b-952a-41b71c09e732', '01a22690-5e7b-71a6-987c-5c07270641ff', '01a22690-5983-75ab-890d-73ee9cafc215', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e89-741d-95b8-1947edd6f073', '01a22690-5e88-72ef-b731-3db1fc8c21a6', '01a22690-5c78-77ef-9a62-5276397484f4', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5e95-757d-b760-85620749f584', '01a22690-5e94-7491-88c2-6ae1ccfb28cb', '01a22690-5c5d-757b-8b06-16a5d73169c8', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5ea2-762d-8c78-e451d170ef6b', '01a22690-5ea0-76cd-818d-6eb23c00a127', '01a22690-5c5d-757b-8b06-16a5d73169c8', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5ec5-7550-a187-8107b4b022ea', '01a22690-5ec4-774a-806a-4825ca7e07e7', '01a22690-5c8a-727e-b05e-cefaea9194c2', 0, NULL, 'table 1', NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5ee0-77e4-be4c-a4d0b78b86cd', '01a22690-5edf-7236-af85-f171150a196d', '01a22690-5983-75ab-890d-73ee9cafc215', 0, 'This comes barely two days after the TTP ended their tenuous ceasefire', NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5ee0-77e4-be4c-a4d13540b7e3', '01a22690-5edf-7236-af85-f171150a196d', '01a22690-5c5d-757b-8b06-16a5d73169c8', 1, 'جنگ بندی کے خاتمے کے دو دن بعد', NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5efa-7067-b4bf-a8e407514baa', '01a22690-5ef9-7164-838e-921f4cb99399', '01a22690-5c78-77ef-9a62-5276397484f4', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5f08-709f-9fe8-eebea0bd253d', '01a22690-5f07-7168-bb69-9be444280bad', '01a22690-5c78-77ef-9a62-5276397484f4', 0, NULL, NULL, NULL);
INSERT INTO "public"."citations" ("id", "claim_id", "source_id", "position", "quote", "locator", "url") VALUES ('01a22690-5f16-745e-a83c-50a00df35f42', '01a22690-5f15-758c-a1e6-b7ae173bfd5d', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 0, NULL, NULL, NULL);


--
-- Data for Name: claim_tags; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59ad-7039-ac01-730e6efe10fe', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59ad-7039-ac01-730e6efe10fe', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59b7-7685-b305-6936b45fc788', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59b7-7685-b305-6936b45fc788', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59bb-7779-89af-15d7c33428de', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59bb-7779-89af-15d7c33428de', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59bf-7753-8e5f-dfcce85b1752', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59bf-7753-8e5f-dfcce85b1752', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59c2-76f4-b0c6-f57485aa18e6', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59c2-76f4-b0c6-f57485aa18e6', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59c6-7542-8564-bb0084943cb2', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59c6-7542-8564-bb0084943cb2', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59cb-741a-a398-85bcea7f6d97', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59cb-741a-a398-85bcea7f6d97', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59cf-7106-86ee-8e438301c445', 'polio');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59cf-7106-86ee-8e438301c445', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d2-7504-8354-a74ca949a589', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d2-7504-8354-a74ca949a589', 'ceasefire');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d4-7380-a673-a764f154dbc9', 'diplomacy');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d4-7380-a673-a764f154dbc9', 'afghan-taliban');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d6-7150-9dc3-ba288adb5c4f', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d6-7150-9dc3-ba288adb5c4f', 'afghan-taliban');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d6-7150-9dc3-ba288adb5c4f', 'ceasefire');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d8-70a1-975e-37e4988a8899', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59d8-70a1-975e-37e4988a8899', 'attack-order');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59db-76d1-ad92-8076f206d59b', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59dd-77f0-ba25-1847d87c8e91', 'lakki-marwat');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e0-7795-badf-65d3eb985d7b', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e0-7795-badf-65d3eb985d7b', 'lakki-marwat');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e2-7522-a807-179c12183cc2', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e2-7522-a807-179c12183cc2', 'afghan-taliban');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e4-726e-9b0c-1549c8a93e82', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e4-726e-9b0c-1549c8a93e82', 'serena-hotel');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e6-72e3-a836-12dc24376bcf', 'afghan-taliban');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e9-7571-b86e-607e22218b96', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59e9-7571-b86e-607e22218b96', 'ceasefire');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59eb-77dc-b396-09092982ad08', 'afghan-taliban');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-59eb-77dc-b396-09092982ad08', 'border');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-5db3-71d8-bcbd-3478ac3da3f2', 'casualties');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-5db3-71d8-bcbd-3478ac3da3f2', 'quetta-2022-11-30');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-5db3-71d8-bcbd-3478ac3da3f2', 'ttp');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-5e27-7247-b5e7-deac58272caf', 'ceasefire');
INSERT INTO "public"."claim_tags" ("claim_id", "tag") VALUES ('01a22690-5edf-7236-af85-f171150a196d', 'ceasefire');


--
-- Data for Name: claims; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59ad-7039-ac01-730e6efe10fe', 'The TTP claimed responsibility for the attack on a Balochistan Constabulary police truck in Quetta on 30 November 2022.', '796497770ada7bb589b2d8d3071bc1c10951f251507e5317b2b68924e3dcab61', '01a22690-59a4-732f-b456-8aa18846cda2', 'responsibility_claimed_by', '{"type":"entity","entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42"}', NULL, NULL, '01a22690-598c-7750-8456-5ae5d31d7f42', '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, '01a22690-598c-7750-8456-5ae5d31d7f42', 'Tehreek-e-Taliban Pakistan (claim of responsibility)', 0.9, 2, 'unreviewed', NULL, 'the ttp claimed responsibility for the attack on a balochistan constabulary police truck in quetta on 30 november 2022 have claimed responsibility for attacking a police truck of the balochistan constabulary', NULL, NULL, 1, '0a323bfc82388ad7e091e6386b16f1833e3910079fab501350c2b7448a42f87b', '2026-11-29 09:08:44.077665', '2026-11-29 09:08:44.077665', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59b7-7685-b305-6936b45fc788', 'The Quetta attack targeted a police truck of the Balochistan Constabulary.', '2fba02ae15d5cd59b7550bf92b4a03191e31e4b6d8360eee37a6f7c6de664fed', '01a22690-59a4-732f-b456-8aa18846cda2', 'target', '{"type":"entity","entity_id":"01a22690-599d-7195-a318-acf20563d673"}', NULL, NULL, '01a22690-599d-7195-a318-acf20563d673', '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.9, 3, 'unreviewed', NULL, 'the quetta attack targeted a police truck of the balochistan constabulary attacking a police truck of the balochistan constabulary in the morning hours of november 30', NULL, NULL, 1, '9caea15020de0f6e567c2e6972951391c12f619ffc9d0d32415e48ce465996a4', '2026-11-29 09:08:44.087153', '2026-11-29 09:08:44.087153', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59bb-7779-89af-15d7c33428de', 'At least one police officer was killed in the attack on the Balochistan Constabulary truck in Quetta.', '270147833a40fd1f25ba084e109c08d63a56637e32845dced2d320936b19586e', '01a22690-59a4-732f-b456-8aa18846cda2', 'fatalities.police', '{"type":"quantity","lower":1,"upper":null,"unit":"people"}', 1, NULL, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.75, 3, 'unreviewed', NULL, 'at least one police officer was killed in the attack on the balochistan constabulary truck in quetta causing at least one police fatality', NULL, NULL, 1, '54e13f5f65be71f4c19e31c659c305f1afc1c4681c38e610fd3186aa6b7076bf', '2026-11-29 09:08:44.091131', '2026-11-29 09:08:44.091131', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59bf-7753-8e5f-dfcce85b1752', 'Two civilians, a woman and a minor, were killed in the Quetta attack.', 'fda04d9e664d6f5434d185f9dc477e5eb73ce20c56c324eec531837bbf0f8b88', '01a22690-59a4-732f-b456-8aa18846cda2', 'fatalities.civilian', '{"type":"quantity","lower":2,"upper":2,"unit":"people"}', 2, 2, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.7, 3, 'unreviewed', NULL, 'two civilians a woman and a minor were killed in the quetta attack killing two other civilians a woman and a minor', NULL, NULL, 1, '080a832f76b79356d566fca8e41d75572957528cf7772194da7227fe1780437b', '2026-11-29 09:08:44.095189', '2026-11-29 09:08:44.095189', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59c2-76f4-b0c6-f57485aa18e6', 'At least 20 police personnel were injured in the Quetta attack.', '308c4be486579c9a8ac629e3f7a3e74d38338e8cbcfb265da18c4001f737763c', '01a22690-59a4-732f-b456-8aa18846cda2', 'injured', '{"type":"quantity","lower":20,"upper":null,"unit":"people"}', 20, NULL, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.7, 3, 'unreviewed', NULL, 'at least 20 police personnel were injured in the quetta attack at least 20 other police personnel are also reportedly injured', NULL, NULL, 1, '52b17563d3bb5954de68cf390adaa85c50a99ef2aa39b12adde5f91021a038ec', '2026-11-29 09:08:44.098955', '2026-11-29 09:08:44.098955', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59c6-7542-8564-bb0084943cb2', 'The suicide attacker in Quetta rammed a motorbike packed with explosives into the police truck.', '298c5cc1543c49282ff0f6ac47d3b57684ed42378aca13ba3b7f9f0bdb062521', '01a22690-59a4-732f-b456-8aa18846cda2', 'vehicle', '{"type":"text","text":"motorbike"}', NULL, NULL, 'motorbike', '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.5, 3, 'unreviewed', NULL, 'the suicide attacker in quetta rammed a motorbike packed with explosives into the police truck rammed a motorbike or rickshaw packed with explosives into the police truck', NULL, NULL, 1, '090d5f3f6202ffc71186ccacfc3973c4af807a1f42967fcee017bca4f574e5a7', '2026-11-29 09:08:44.102589', '2026-11-29 09:08:44.102589', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59cb-741a-a398-85bcea7f6d97', 'The suicide attacker in Quetta rammed a rickshaw packed with explosives into the police truck.', '18ff6a7c870a8d46f03d2e7da7b137b861a676ddaba29ec26b8d9b864630300b', '01a22690-59a4-732f-b456-8aa18846cda2', 'vehicle', '{"type":"text","text":"rickshaw"}', NULL, NULL, 'rickshaw', '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.5, 3, 'unreviewed', NULL, 'the suicide attacker in quetta rammed a rickshaw packed with explosives into the police truck rammed a motorbike or rickshaw packed with explosives into the police truck', NULL, NULL, 1, 'a9a44c71813ef29de5235c4c53787aad337c299b3bfb84c8ca65e50e830d6d9d', '2026-11-29 09:08:44.107198', '2026-11-29 09:08:44.107198', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59cf-7106-86ee-8e438301c445', 'The police units attacked in Quetta were protecting a polio vaccination team, not conducting a counterterrorism operation.', '3cdf731b6962ceb3fd2d518179247d433709021e880bc46754aecc1f7c9af40d', NULL, NULL, NULL, NULL, NULL, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, '01a22690-59a2-7600-ab62-599b80feee23', 'DIG Police Azfar Mahesar', 0.8, 2, 'unreviewed', NULL, 'the police units attacked in quetta were protecting a polio vaccination team not conducting a counterterrorism operation the police units were protecting a polio vaccination team according to dig police azfar mahesar', NULL, NULL, 1, '96d5f6f86c4af2654d8d654be6c7dd7369420a456a26dfa7106c9fdac1320340', '2026-11-29 09:08:44.111551', '2026-11-29 09:08:44.111551', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59d2-7504-8354-a74ca949a589', 'The TTP ended its ceasefire with the Pakistani state about two days before the Quetta attack.', 'f83c3655fa4c12cb61e4f97e1d89e5d4b884cf5e2c091ddfb6af4460d8d95b8a', '01a22690-59a8-7052-8495-b5492989ab4d', 'end_date', '{"type":"time","value":"2022-11-28","precision":"day"}', 1669593600, 1669679999, NULL, '2022-11', 'month', '2022-11-01 00:00:00', '2022-12-01 00:00:00', '2022-11-01 00:00:00', NULL, NULL, NULL, NULL, 0.65, NULL, 'unreviewed', NULL, 'the ttp ended its ceasefire with the pakistani state about two days before the quetta attack this comes barely two days after the ttp ended their tenuous ceasefire with the pakistani state', NULL, NULL, 1, '56eed203064c21ba7a5cf3a9dddf21f427b82a6f42b2ca64ca0546753ea5796a', '2026-11-29 09:08:44.114062', '2026-11-29 09:08:44.114062', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59d4-7380-a673-a764f154dbc9', 'Hina Rabbani Khar, Pakistan''s State Minister for Foreign Affairs, visited Kabul for scheduled talks with the Afghan Taliban.', '39c31cecc891297d022d1efcc3ddbb0d562a1ac3187d5623e07c8ba3ae95931f', NULL, NULL, NULL, NULL, NULL, NULL, '2022-11', 'month', '2022-11-01 00:00:00', '2022-12-01 00:00:00', '2022-11-01 00:00:00', 'Kabul, Afghanistan', NULL, NULL, NULL, 0.85, NULL, 'unreviewed', NULL, 'hina rabbani khar pakistan s state minister for foreign affairs visited kabul for scheduled talks with the afghan taliban hina rabbani khar visited kabul for scheduled talks with the afghan taliban', NULL, NULL, 1, '8decff59087071ca313b8bfa0502c14d1f6c8cf5acda730604878aae8e201861', '2026-11-29 09:08:44.116668', '2026-11-29 09:08:44.116668', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59d6-7150-9dc3-ba288adb5c4f', 'The Afghan Taliban were mediating the ceasefire between the TTP and Pakistan.', '6f317bfafc22c32dfa9214e93d4e0c45b10b48acff89998e2bec3d9ce22e1164', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.6, 3, 'unreviewed', NULL, 'the afghan taliban were mediating the ceasefire between the ttp and pakistan the afghan taliban were mediating this ceasefire between the ttp and pakistan', NULL, NULL, 1, '2f8c3084247cb0e915bcb48b845072ef187e9dc063f830d83806b8233d3d60ac', '2026-11-29 09:08:44.118671', '2026-11-29 09:08:44.118671', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59d8-70a1-975e-37e4988a8899', 'The TTP''s order to begin nationwide attacks was a handwritten letter signed by Mufti Muzahim.', 'bee6d8c78679f5c3c7f1ca0b3ba3b49ed311950b27a07298ae650c2034265ba2', '01a22690-59a6-701c-a43f-57b559ff8fc4', 'signatory', '{"type":"entity","entity_id":"01a22690-599f-72ce-946a-8d4cd513506b"}', NULL, NULL, '01a22690-599f-72ce-946a-8d4cd513506b', '2022-11', 'month', '2022-11-01 00:00:00', '2022-12-01 00:00:00', '2022-11-01 00:00:00', NULL, NULL, NULL, NULL, 0.75, 3, 'unreviewed', NULL, 'the ttp s order to begin nationwide attacks was a handwritten letter signed by mufti muzahim issued in a handwritten letter signed by mufti muzahim ttp s deputy leader naib ameer', NULL, NULL, 1, 'a6af814a7a18192f3253b81b71a3d6ee34c353f1d19c77f46f28c7889d439360', '2026-11-29 09:08:44.120931', '2026-11-29 09:08:44.120931', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59db-76d1-ad92-8076f206d59b', 'Mufti Muzahim is the TTP''s deputy leader (naib ameer) and its ''defense minister''.', '84622ac2071f2553828f1cf7bd8a5399741ed7a1201d7cde2af6118cb85178f2', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.8, NULL, 'unreviewed', NULL, 'mufti muzahim is the ttp s deputy leader naib ameer and its defense minister mufti muzahim ttp s deputy leader naib ameer and defense minister', NULL, NULL, 1, '2de1b9b4a9a2ace0b8b41abd1b0a6f3c74aa1243146fae60043e2513c4d644b5', '2026-11-29 09:08:44.123504', '2026-11-29 09:08:44.123504', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59dd-77f0-ba25-1847d87c8e91', 'The Lakki Marwat joint security operation started on 26 November 2022.', 'bc9573961381f9bf5c6e7234e32469d9419ab29030c487bf4b1c3f5c2c2b6d2d', '01a22690-59a9-7260-ba50-264b89124083', 'start_date', '{"type":"time","value":"2022-11-26","precision":"day"}', 1669420800, 1669507199, NULL, '2022-11-26', 'day', '2022-11-26 00:00:00', '2022-11-27 00:00:00', '2022-11-26 00:00:00', 'Lakki Marwat, Khyber Pakhtunkhwa, Pakistan', NULL, NULL, NULL, 0.85, NULL, 'unreviewed', NULL, 'the lakki marwat joint security operation started on 26 november 2022 the lakki marwat joint security operation that started on november 26', NULL, NULL, 1, '45e23320c36510802a1b8a08e8abe738bbaa2b6722adc056c7f2c490ad6773bf', '2026-11-29 09:08:44.125578', '2026-11-29 09:08:44.125578', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59e0-7795-badf-65d3eb985d7b', 'The TTP claimed responsibility for multiple attacks in Lakki Marwat district on 25 November 2022.', '1823302857ed090f0aa0757de1240c9daa020fa35f3ebfb69a14d346e15cfa19', NULL, NULL, NULL, NULL, NULL, NULL, '2022-11-25', 'day', '2022-11-25 00:00:00', '2022-11-26 00:00:00', '2022-11-25 00:00:00', 'Lakki Marwat, Khyber Pakhtunkhwa, Pakistan', NULL, '01a22690-598c-7750-8456-5ae5d31d7f42', NULL, 0.8, NULL, 'unreviewed', NULL, 'the ttp claimed responsibility for multiple attacks in lakki marwat district on 25 november 2022 multiple attacks that the ttp claimed responsibility for carrying out in lakki marwat district on november 25', NULL, NULL, 1, '62a5f006364d56cfd0fbd610d11076283b1524c81f44b8140c68db76ced03323', '2026-11-29 09:08:44.128146', '2026-11-29 09:08:44.128146', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59e2-7522-a807-179c12183cc2', 'Mainstream Pakistani national security pundits believe the TTP''s declaration will put pressure on the Afghan Taliban to restrain the Pakistani Taliban.', 'a9a75a9bef38dd02290fb287174f194de5f403692522fea99213078711d42924', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, 'Mainstream national security pundits in Pakistan', 0.9, NULL, 'unreviewed', NULL, 'mainstream pakistani national security pundits believe the ttp s declaration will put pressure on the afghan taliban to restrain the pakistani taliban would put pressure on the afghan taliban to restrain the pakistani taliban', NULL, NULL, 1, 'd2c1abf226194bf9c807ad66bb0d4373675fd7538186f12468c3806c895cd9e6', '2026-11-29 09:08:44.130336', '2026-11-29 09:08:44.130336', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59e4-726e-9b0c-1549c8a93e82', 'The TTP claimed responsibility for a suicide bombing at the Serena Hotel in Quetta''s red zone in April 2021.', 'd5d94b394b725c5e80f4ed2b89b8204804451fe94cc41f60e26aa71ada06c242', '01a22690-59aa-724b-a7fe-00338f4e762c', 'responsibility_claimed_by', '{"type":"entity","entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42"}', NULL, NULL, '01a22690-598c-7750-8456-5ae5d31d7f42', '2021-04', 'month', '2021-04-01 00:00:00', '2021-05-01 00:00:00', '2021-04-01 00:00:00', 'Quetta, Balochistan, Pakistan', NULL, NULL, NULL, 0.85, NULL, 'unreviewed', NULL, 'the ttp claimed responsibility for a suicide bombing at the serena hotel in quetta s red zone in april 2021 in april 2021 the ttp claimed responsibility for a suicide bombing attack on serena hotel in quetta s heavily guarded red zone', NULL, NULL, 1, '4766809a68d0f6071c50db60b55dbd15549a78f7ef293a7e597d0817be09b1e3', '2026-11-29 09:08:44.132502', '2026-11-29 09:08:44.132502', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59e6-72e3-a836-12dc24376bcf', 'The Afghan Taliban returned to power in Kabul on 15 August 2021.', '4d2a3aa03a68a3517d857ed341ee8f405617eb4ea5a7467de117ef2580f7d0f4', NULL, NULL, NULL, NULL, NULL, NULL, '2021-08-15', 'day', '2021-08-15 00:00:00', '2021-08-16 00:00:00', '2021-08-15 00:00:00', 'Kabul, Afghanistan', NULL, NULL, NULL, 0.97, NULL, 'unreviewed', NULL, 'the afghan taliban returned to power in kabul on 15 august 2021 as the afghan taliban emerged victorious on august 15 no less', NULL, NULL, 1, 'ccd9414db94f103f30d0a0165de682a2b0cc8cf14ebaf0fa98c47ba5fee69ecd', '2026-11-29 09:08:44.134865', '2026-11-29 09:08:44.134865', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59e9-7571-b86e-607e22218b96', 'Negotiations mediated by the Afghan Taliban and a three-month ceasefire between the TTP and Pakistan became public by October 2021.', 'ffcfa6ea49f1ba37df389878ffd9a1d66316d39cc0eec519832499a20868fb7d', NULL, NULL, NULL, NULL, NULL, NULL, '2021-10', 'month', '2021-10-01 00:00:00', '2021-11-01 00:00:00', '2021-10-01 00:00:00', NULL, NULL, NULL, NULL, 0.8, NULL, 'unreviewed', NULL, 'negotiations mediated by the afghan taliban and a three month ceasefire between the ttp and pakistan became public by october 2021 a three month long ceasefire between the ttp and pakistan became public knowledge by october 2021', NULL, NULL, 1, '28d0fd57d33e57a640153e5a4341634ae200318b8e67cfe15dac2a5ca43cd920', '2026-11-29 09:08:44.137171', '2026-11-29 09:08:44.137171', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59eb-77dc-b396-09092982ad08', 'On 13 November 2022 an Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing.', 'a1eb0e3ebccb51fc60891410604dc93c880dc341d02f0cdb495f95d9566bb1e6', NULL, NULL, NULL, NULL, NULL, NULL, '2022-11-13', 'day', '2022-11-13 00:00:00', '2022-11-14 00:00:00', '2022-11-13 00:00:00', 'Chaman-Spin Boldak border crossing', NULL, NULL, NULL, 0.75, NULL, 'unreviewed', NULL, 'on 13 november 2022 an afghan taliban militant attacked pakistani security personnel at the chaman spin boldak border crossing a rogue afghan taliban militant attacked pakistani security personnel at the chaman spin boldak border crossing', NULL, NULL, 1, '79af68cd095ff3214be66cdde8b2b56c2b35b81a2168a3b9fde152ae53c156b9', '2026-11-29 09:08:44.139964', '2026-11-29 09:08:44.139964', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5d51-70a6-a75a-1315ac3817a6', 'One police officer was killed in the attack on the constabulary truck.', '522942377642e46ef8968264182692ec297332becdf2dbca36f3041901459403', '01a22690-5c97-74a9-ac16-7173185ada5b', 'fatalities.police', '{"type":"quantity","lower":1,"upper":1,"unit":"people"}', 1, 1, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', NULL, NULL, NULL, NULL, 0.6, NULL, 'unreviewed', NULL, 'one police officer was killed in the attack on the constabulary truck', NULL, NULL, 1, 'be27bef6cd1e02cd1c87809ae581ebb282c8213aa709f2960052082073211a34', '2026-11-29 09:08:45.009588', '2026-11-29 09:08:45.009588', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e27-7247-b5e7-deac58272caf', 'The effectiveness of the TTP–Pakistan ceasefire was questioned throughout 2022.', '2dc800028f4924cfa7f7f7e3273124e869a5b66004c1e630e1553cb93e7b7b20', NULL, NULL, NULL, NULL, NULL, NULL, '2022', 'year', '2022-01-01 00:00:00', '2023-01-01 00:00:00', '2022-01-01 00:00:00', NULL, NULL, NULL, NULL, 0.9, 2, 'unreviewed', NULL, 'the effectiveness of the ttp pakistan ceasefire was questioned throughout 2022 the effectiveness of this ceasefire has been questioned throughout 2022', NULL, NULL, 1, 'cf174111a7aaef8dcaacc914099abd939c5cae4ccd9f0567dab1b7451819abbb', '2026-11-29 09:08:45.223577', '2026-11-29 09:08:45.223577', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5d6c-77e5-aabe-1fa353d5d30b', 'Three policemen were killed when the bomber struck the truck.', '7f9080ce503a609d6d583cf476c54d773bca92d031ac70090447364451523e08', '01a22690-5c97-74a9-ac16-7173185ada5b', 'fatalities.police', '{"type":"quantity","lower":3,"upper":4,"unit":"people"}', 3, 4, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', NULL, NULL, NULL, NULL, 0.3, NULL, 'unreviewed', NULL, 'three policemen were killed when the bomber struck the truck', NULL, NULL, 3, '8927d462da82f9d021beaacce8fa02edf2d0869bf1e1731f94e20e5d83e7461b', '2026-11-29 09:08:45.036901', '2026-11-29 09:08:45.094193', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e3a-706b-8eba-1da667c89a5e', 'In April 2021 the TTP claimed responsibility for a suicide bombing on the Serena Hotel in Quetta.', '9a7147c806eacb0a05b5f4c9db3d43bf17c049e0f649049f43267b95339bb025', NULL, NULL, NULL, NULL, NULL, NULL, '2021-04', 'month', '2021-04-01 00:00:00', '2021-05-01 00:00:00', '2021-04-01 00:00:00', 'Quetta', NULL, '01a22690-598c-7750-8456-5ae5d31d7f42', NULL, 0.85, NULL, 'unreviewed', NULL, 'in april 2021 the ttp claimed responsibility for a suicide bombing on the serena hotel in quetta in april 2021 the ttp claimed responsibility for a suicide bombing attack on serena hotel in quetta s heavily guarded red zone', NULL, NULL, 1, '9ddad700f0c6a724fd166a4ff2ae91521cb671ce2b7183fed145beefe90b4857', '2026-11-29 09:08:45.242712', '2026-11-29 09:08:45.242712', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e48-773e-8fc9-a6c9079835b7', 'The suicide attacker rammed a motorbike packed with explosives into the truck.', '656c30db1552c6a0c44f92d485f96b91edf9f5506697178d2d62603a32210544', '01a22690-5c97-74a9-ac16-7173185ada5b', 'vehicle', '{"type":"text","text":"motorbike"}', NULL, NULL, 'motorbike', NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.5, NULL, 'unreviewed', NULL, 'the suicide attacker rammed a motorbike packed with explosives into the truck a suicide attacker rammed a motorbike or rickshaw', NULL, NULL, 1, 'f5809916c13cc83caf2b31eadf172578c3e0e5a916f96b7caca19d35ab7eeff6', '2026-11-29 09:08:45.256968', '2026-11-29 09:08:45.256968', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e54-72ef-b39d-217a6c737ee5', 'The suicide attacker rammed a rickshaw packed with explosives into the truck.', 'dce3745b769058f35284f2a281360342dd01cb92da0447a091956f91c9379e24', '01a22690-5c97-74a9-ac16-7173185ada5b', 'vehicle', '{"type":"text","text":"rickshaw"}', NULL, NULL, 'rickshaw', NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.5, NULL, 'unreviewed', NULL, 'the suicide attacker rammed a rickshaw packed with explosives into the truck a suicide attacker rammed a motorbike or rickshaw', NULL, NULL, 1, 'd4711fc7a739da09216f5ec605c63a961724e2346b95c1c31ed424760e7ef63f', '2026-11-29 09:08:45.268843', '2026-11-29 09:08:45.268843', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e62-70a2-9855-d1a3a46c0dfc', 'The letter ending the ceasefire was signed by Muzahim.', 'ec24db546782bf38d361159cff61231832f964292244cec31139032301ff1046', '01a22690-5cc6-74e4-a3a8-2b63571d615d', 'signatory', '{"type":"entity","entity_id":"01a22690-599f-72ce-946a-8d4cd513506b"}', NULL, NULL, '01a22690-599f-72ce-946a-8d4cd513506b', '2022-11', 'month', '2022-11-01 00:00:00', '2022-12-01 00:00:00', '2022-11-01 00:00:00', NULL, NULL, NULL, 'a copy of the letter shared online', 0.8, NULL, 'unreviewed', NULL, 'the letter ending the ceasefire was signed by muzahim a handwritten letter signed by mufti muzahim', NULL, NULL, 1, '3a9ddf93bb47ca2901493e55841fca9664c9c5f5b8895583c52af46f48be2458', '2026-11-29 09:08:45.282334', '2026-11-29 09:08:45.282334', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e6e-7407-9281-526e7ae7d2d1', 'The letter ending the ceasefire was signed by Noor.', '8b04a6865c0c25df65486d7c72fd52b5034e8bef993a559e403853330af9e957', '01a22690-5cc6-74e4-a3a8-2b63571d615d', 'signatory', '{"type":"entity","entity_id":"01a22690-5cd9-76db-8bca-945eff3fe687"}', NULL, NULL, '01a22690-5cd9-76db-8bca-945eff3fe687', '2022-11', 'month', '2022-11-01 00:00:00', '2022-12-01 00:00:00', '2022-11-01 00:00:00', NULL, NULL, NULL, 'a copy of the letter shared online', 0.2, NULL, 'unreviewed', NULL, 'the letter ending the ceasefire was signed by noor a handwritten letter signed by mufti muzahim', NULL, NULL, 1, '6c707d420575f899f11c57afb3858f1396c48471669ae855c2f54ae8dc8fe5b3', '2026-11-29 09:08:45.294662', '2026-11-29 09:08:45.294662', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5db3-71d8-bcbd-3478ac3da3f2', 'At least 20 other police personnel were reportedly injured in the attack.', 'a620e82c114a2a5b88846e1ac4c5994ce33a725971a9d9458ff7c96d18ca528c', '01a22690-5c97-74a9-ac16-7173185ada5b', 'injured', '{"type":"quantity","lower":20,"upper":null,"unit":"people"}', 20, NULL, NULL, '2022-11-30T08:15:00+05:00', 'minute', '2022-11-30 03:15:00', '2022-11-30 03:16:00', '2022-11-30 03:15:00', 'Baleli, Quetta', '2022-11-30 11:05:00', '01a22690-59a2-7600-ab62-599b80feee23', 'DIG Police Azfar Mahesar, speaking to reporters', 0.7, 3, 'unreviewed', NULL, 'at least 20 other police personnel were reportedly injured in the attack at least 20 other police personnel are also reportedly injured twenty policemen were injured three of them critically کم از کم 20 پولیس اہلکار زخمی ہويے', NULL, NULL, 7, '1e89ed165728db4e0ff673dab1d16c909e01b63f1c7f4206092a41882fd7d2c2', '2026-11-29 09:08:45.10746', '2026-11-29 09:08:45.211839', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e7b-71a6-987c-5c07270641ff', 'The police units were protecting a polio vaccination team.', '4f8a613298adc632af193677b036f49565abcc08f5eba12fed1e336f42e44a39', '01a22690-5c97-74a9-ac16-7173185ada5b', 'polio_team.protected', '{"type":"boolean","value":true}', NULL, NULL, 'true', NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.9, NULL, 'unreviewed', NULL, 'the police units were protecting a polio vaccination team', NULL, NULL, 1, '452ed28689cf37391979068e448656122613e69d84a3ab2a051765d7e5705815', '2026-11-29 09:08:45.307791', '2026-11-29 09:08:45.307791', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e88-72ef-b731-3db1fc8c21a6', 'The police units were on a counterterrorism operation, not guarding a polio team.', '8d96480df87cfecd7e9249df64fe34d0e1a1cc37b75efbad8b8b8dca736b68f3', '01a22690-5c97-74a9-ac16-7173185ada5b', 'polio_team.protected', '{"type":"boolean","value":false}', NULL, NULL, 'false', NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.1, NULL, 'unreviewed', NULL, 'the police units were on a counterterrorism operation not guarding a polio team', NULL, NULL, 1, 'e3b8807b61dbef676a20f87615940c99e594071cb69f7c30608faf9aa1a89811', '2026-11-29 09:08:45.320135', '2026-11-29 09:08:45.320135', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e94-7491-88c2-6ae1ccfb28cb', 'The talks in Kabul began on 2022-05.', '5d48fc14fd6259fde34216388f7d181be7d58892bd6a1f0161eecd45aaff2f6e', '01a22690-5ce7-731e-a7f2-bc056a482678', 'start_date', '{"type":"time","value":"2022-05","precision":"month"}', 1651363200, 1654041599, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.5, NULL, 'unreviewed', NULL, 'the talks in kabul began on 2022 05', NULL, NULL, 1, '3958b0211d1c68e508aa149bbca5a56dcd02bbbe72d4a0dc5b991960a44d41cb', '2026-11-29 09:08:45.33296', '2026-11-29 09:08:45.33296', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5edf-7236-af85-f171150a196d', 'The attack came barely two days after the TTP ended its ceasefire.', 'be1d750b07cb481529ec3aae7a5f1d575ddeb913777762ce0930b97f719523f8', NULL, NULL, NULL, NULL, NULL, NULL, '2022-11-30', 'day', '2022-11-30 00:00:00', '2022-12-01 00:00:00', '2022-11-30 00:00:00', NULL, NULL, NULL, NULL, 0.75, NULL, 'unreviewed', NULL, 'the attack came barely two days after the ttp ended its ceasefire this comes barely two days after the ttp ended their tenuous ceasefire جنگ بندی کے خاتمے کے دو دن بعد', NULL, NULL, 1, '5d38cbbedc36a0778b8c2bae4dc08363a7ac8d356a40c4c8fa4bbc9361ce0aa3', '2026-11-29 09:08:45.407698', '2026-11-29 09:08:45.407698', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5ea0-76cd-818d-6eb23c00a127', 'The talks in Kabul began on 2022-06-02.', 'db12733f27445e6ac18541e2bae4400537ed0d17521efe6395278bd6cf321887', '01a22690-5ce7-731e-a7f2-bc056a482678', 'start_date', '{"type":"time","value":"2022-06-02","precision":"day"}', 1654128000, 1654214399, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.5, NULL, 'unreviewed', NULL, 'the talks in kabul began on 2022 06 02', '2026-11-29 09:08:45.359543', 'The date was of a preparatory meeting.', 2, 'cc36bdc234671018f69bb61be4f5e6f5db499afc529194e6f5de10309a804a65', '2026-11-29 09:08:45.344948', '2026-11-29 09:08:45.359543', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5ec4-774a-806a-4825ca7e07e7', 'Three civilians were killed in the blast.', '0d3db308b541f09cb16cadd02d4d845b22bb6c194aa577014e81cee82d228c85', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.2, NULL, 'unreviewed', NULL, 'three civilians were killed in the blast', NULL, NULL, 1, 'bd298bed982f6a0a9acfb7859275573ad152ab0fd570ecfea6c93155ecba742e', '2026-11-29 09:08:45.380728', '2026-11-29 09:08:45.380728', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5ef9-7164-838e-921f4cb99399', 'The TTP ended its ceasefire a week before the attack.', '4c84fd99050c2a5f6ad57f427121c01b10f62a8980428872b35022ce1934ce4e', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.25, NULL, 'unreviewed', NULL, 'the ttp ended its ceasefire a week before the attack', NULL, NULL, 1, '05b4262739e731e81fdae1149dd92868915544b819fff3946eb07cbfb3b56045', '2026-11-29 09:08:45.433181', '2026-11-29 09:08:45.433181', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5f07-7168-bb69-9be444280bad', 'The police units were undertaking a counterterrorism operation.', '8649d3588b61dd390c52f04f8af63d990dcbf5d1310a3719f3eda83f23455613', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.2, NULL, 'unreviewed', NULL, 'the police units were undertaking a counterterrorism operation', NULL, NULL, 1, 'd2b515e401699b3c5d6cf2e61a923cb131ea4fc24daf666d3b86c886cc1b32ca', '2026-11-29 09:08:45.447481', '2026-11-29 09:08:45.447481', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."claims" ("id", "statement", "statement_key", "subject_id", "property", "value", "value_lower", "value_upper", "value_key", "occurred_value", "occurred_precision", "occurred_start", "occurred_end", "occurred_sort", "place", "claimed_at", "claimant_entity_id", "claimant_text", "confidence", "credibility", "verdict", "verdict_note", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5f15-758c-a1e6-b7ae173bfd5d', 'A second blast followed the first within minutes.', '4f0462dc2b813bc97aef801e05e97265b47e8f9a8ebbe1cebe87ca94079e6bbe', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '9999-12-31 00:00:00', NULL, NULL, NULL, NULL, 0.1, NULL, 'unreviewed', NULL, 'a second blast followed the first within minutes', '2026-11-29 09:08:45.480183', 'No other source reports a second blast.', 2, '5477c0409261d233cd06bc256ffea8bb07f8a78c6853d8f3b7ff14f7503ecae4', '2026-11-29 09:08:45.461436', '2026-11-29 09:08:45.480183', '01a22690-5adc-74a1-a268-a7a607dd6bd4');


--
-- Data for Name: contradictions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59cd-7226-a2c1-a32ae65b5490', '01a22690-59c6-7542-8564-bb0084943cb2', '01a22690-59cb-741a-a398-85bcea7f6d97', 'detected', 'open', 'Detected: a single-valued property has two different values.', NULL, NULL, '01a22690-59a4-732f-b456-8aa18846cda2', 'vehicle', 1, 'b8989ca96d322fc1c5bad728b1c9764c02f7fc2d2ce38cad3f6516f32d68fea2', '2026-11-29 09:08:44.109582', '2026-11-29 09:08:44.109582', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e58-72a1-bce4-76a9dde91fd5', '01a22690-5e48-773e-8fc9-a6c9079835b7', '01a22690-5e54-72ef-b39d-217a6c737ee5', 'detected', 'dismissed', 'Detected: a single-valued property has two different values.', 'The article itself says “a motorbike or rickshaw”: the sources do not disagree.', NULL, '01a22690-5c97-74a9-ac16-7173185ada5b', 'vehicle', 2, 'e65969be72c30edaa8bd5a03d9c712235d9d3ad561776b2af3b41803c2ba050a', '2026-11-29 09:08:45.272105', '2026-11-29 09:08:45.500463', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5d80-7046-bad9-c267a380ea72', '01a22690-5d51-70a6-a75a-1315ac3817a6', '01a22690-5d6c-77e5-aabe-1fa353d5d30b', 'detected', 'open', 'Detected: their quantity intervals do not overlap.', NULL, NULL, '01a22690-5c97-74a9-ac16-7173185ada5b', 'fatalities.police', 3, 'd5fa1c87158472de2a984c71873d848e19a7bd9b75382b61a6a1dfa811410e5f', '2026-11-29 09:08:45.056542', '2026-11-29 09:08:45.09773', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e8b-7458-85fb-3c8e1262a5d2', '01a22690-5e7b-71a6-987c-5c07270641ff', '01a22690-5e88-72ef-b731-3db1fc8c21a6', 'detected', 'open', 'Detected: a single-valued property has two different values.', NULL, NULL, '01a22690-5c97-74a9-ac16-7173185ada5b', 'polio_team.protected', 1, '22f60043438e7fa4c1c60abd079c55d65b3d2d379ed28535f08def9703df72f9', '2026-11-29 09:08:45.323266', '2026-11-29 09:08:45.323266', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5e71-71a9-820e-3ac9db0c3d83', '01a22690-5e62-70a2-9855-d1a3a46c0dfc', '01a22690-5e6e-7407-9281-526e7ae7d2d1', 'detected', 'confirmed', 'Detected: a single-valued property has two different values.', 'The letter bears Muzahim''s signature.', '01a22690-5e62-70a2-9855-d1a3a46c0dfc', '01a22690-5cc6-74e4-a3a8-2b63571d615d', 'signatory', 2, '5cb98bc3023cde8b1e691a09a473a7c8e0a4e924c9cd29ac076e1ee10ea15fe1', '2026-11-29 09:08:45.297931', '2026-11-29 09:08:45.513192', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5ea4-70ed-8d1d-edb8b1d0900f', '01a22690-5e94-7491-88c2-6ae1ccfb28cb', '01a22690-5ea0-76cd-818d-6eb23c00a127', 'detected', 'resolved', 'Detected: their times do not overlap.', 'Automatically resolved: one of the claims was retracted.', NULL, '01a22690-5ce7-731e-a7f2-bc056a482678', 'start_date', 2, '040bbd306ec8482ad76f741e0d2b3db24cdf92683d895f102c296831d628b66f', '2026-11-29 09:08:45.348366', '2026-11-29 09:08:45.365466', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5f5b-76a1-a0ae-8d4fbdc02996', '01a22690-5edf-7236-af85-f171150a196d', '01a22690-5ef9-7164-838e-921f4cb99399', 'manual', 'confirmed', 'Two days or a week?', 'The announcement was made on 28 November.', '01a22690-5edf-7236-af85-f171150a196d', NULL, NULL, 2, '975928a9ffcf878e5c719892ee06ae7690352c27520aa663d64ea42d0f01c557', '2026-11-29 09:08:45.531088', '2026-11-29 09:08:45.589764', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5f9f-76f0-81c3-00f5862180f7', '01a22690-5e27-7247-b5e7-deac58272caf', '01a22690-5ef9-7164-838e-921f4cb99399', 'manual', 'dismissed', 'Unclear whether these conflict.', 'They are about different things.', NULL, NULL, NULL, 2, '67e91e24f98b851e310a3a73cbc6eaf2ea5d8a2225ccf498b6d4e0ee542f84f4', '2026-11-29 09:08:45.599866', '2026-11-29 09:08:45.609076', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."contradictions" ("id", "claim_a", "claim_b", "origin", "status", "note", "resolution_note", "preferred_claim_id", "subject_id", "property", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5fb2-7775-a971-09b4e39e9a94', '01a22690-5e7b-71a6-987c-5c07270641ff', '01a22690-5f07-7168-bb69-9be444280bad', 'manual', 'open', 'Protecting a polio team, or on an operation?', NULL, NULL, NULL, NULL, 3, '6c0df0d241b2a1344f8ca309d06ea1204bbbd667208309ead2144cae8d2dd27e', '2026-11-29 09:08:45.618449', '2026-11-29 09:08:45.637509', '01a22690-5adc-74a1-a268-a7a607dd6bd4');


--
-- Data for Name: entities; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-598c-7750-8456-5ae5d31d7f42', 'organization', 'Tehreek-e-Taliban Pakistan', '["TTP","Pakistani Taliban"]', 'Militant organisation fighting the Pakistani state.', 'tehreek-e-taliban pakistan
ttp
pakistani taliban', NULL, NULL, 1, '949a611513974e0319913dcf933055edc6eff159d74ff45e1a67865a07e5a326', '2026-11-29 09:08:44.044802', '2026-11-29 09:08:44.044802', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5990-77f2-b9e5-49ebb7a58560', 'organization', 'Afghan Taliban', '["Islamic Emirate of Afghanistan","Taliban"]', 'Rulers of Afghanistan since August 2021.', 'afghan taliban
islamic emirate of afghanistan
taliban', NULL, NULL, 1, '91beb776e68e18bdfb6efbfc32a2f5efe3a3f235733cd458e5ebb66cc2ecafda', '2026-11-29 09:08:44.048321', '2026-11-29 09:08:44.048321', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5992-77a6-b4f2-28dcb154c856', 'place', 'Pakistan', '["Islamic Republic of Pakistan"]', NULL, 'pakistan
islamic republic of pakistan', NULL, NULL, 1, 'a9c393af5dc64edbf8e5eacd17479e7f357c87d5b71d2a7be8967b7ac9dbde5a', '2026-11-29 09:08:44.050225', '2026-11-29 09:08:44.050225', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-599d-7195-a318-acf20563d673', 'organization', 'Balochistan Constabulary', '[]', 'Police force of Balochistan province.', 'balochistan constabulary', NULL, NULL, 1, 'b80596fb8fb828075669c659a74626184ff58b29dd3bbaf9552a9f95a7076c30', '2026-11-29 09:08:44.061905', '2026-11-29 09:08:44.061905', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-599f-72ce-946a-8d4cd513506b', 'person', 'Mufti Muzahim', '[]', 'TTP deputy leader (naib ameer) and ''defense minister''.', 'mufti muzahim', NULL, NULL, 1, 'f157f2e4776db39d1abb6ed51baadb817f654f199d161963e5a01538ae31a86a', '2026-11-29 09:08:44.063739', '2026-11-29 09:08:44.063739', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a2-7600-ab62-599b80feee23', 'person', 'Azfar Mahesar', '["DIG Police Azfar Mahesar"]', 'Deputy Inspector General of Police.', 'azfar mahesar
dig police azfar mahesar', NULL, NULL, 1, '77fb493622c570a5064fce6a976312d1d00b1bea01421b555d1061d80e9a77fe', '2026-11-29 09:08:44.06614', '2026-11-29 09:08:44.06614', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a3-716b-ac0c-7d7bd9dc567d', 'person', 'Hina Rabbani Khar', '[]', 'Pakistan''s State Minister for Foreign Affairs.', 'hina rabbani khar', NULL, NULL, 1, '90fe5fc552d425f63b0d5da7a43b8a6c8ca642b09bc2139bda3f2b6e1a851f87', '2026-11-29 09:08:44.067351', '2026-11-29 09:08:44.067351', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a4-732f-b456-8aa18846cda2', 'event', 'Quetta police truck bombing, 30 November 2022', '["Quetta attack"]', 'Suicide attack on a Balochistan Constabulary truck protecting a polio vaccination team.', 'quetta police truck bombing, 30 november 2022
quetta attack', NULL, NULL, 1, 'd0e0fcec4f06e4eb55eee880fa6bf3d9227df9d203c887afda8af0c300871cef', '2026-11-29 09:08:44.06849', '2026-11-29 09:08:44.06849', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a6-701c-a43f-57b559ff8fc4', 'other', 'TTP order to initiate nationwide attacks, November 2022', '["TTP attack order"]', 'A handwritten letter announcing attacks across Pakistan.', 'ttp order to initiate nationwide attacks, november 2022
ttp attack order', NULL, NULL, 1, '22e798047c85b9161a18022e454e618cb7a3ed6705fd09101187e985cf37b0a0', '2026-11-29 09:08:44.07002', '2026-11-29 09:08:44.07002', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a8-7052-8495-b5492989ab4d', 'event', 'TTP–Pakistan ceasefire', '[]', 'Ceasefire between the TTP and Pakistan mediated by the Afghan Taliban.', 'ttp–pakistan ceasefire', NULL, NULL, 1, '0272303db7baf74b00320b29df448ce458518d94b34dc50273e71ea2bc5df77a', '2026-11-29 09:08:44.072164', '2026-11-29 09:08:44.072164', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59a9-7260-ba50-264b89124083', 'event', 'Lakki Marwat joint security operation, November 2022', '["Lakki Marwat operation"]', NULL, 'lakki marwat joint security operation, november 2022
lakki marwat operation', NULL, NULL, 1, '576361e62829d27476b7fc55a0bd8c7965f28256bb7513f7825926e4be850da0', '2026-11-29 09:08:44.073311', '2026-11-29 09:08:44.073311', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59aa-724b-a7fe-00338f4e762c', 'event', 'Serena Hotel bombing, Quetta, April 2021', '["Serena Hotel attack"]', 'Suicide bombing in Quetta''s red zone.', 'serena hotel bombing, quetta, april 2021
serena hotel attack', NULL, NULL, 1, '7e898d921e693fa32db7753208f8fff84b3842c4f598859713e88225b3b123b0', '2026-11-29 09:08:44.074314', '2026-11-29 09:08:44.074314', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-59ab-7022-85ed-cfb2fcd929dc', 'place', 'Quetta', '["Quetta, Balochistan"]', 'Capital of Balochistan province, Pakistan.', 'quetta
quetta, balochistan', NULL, NULL, 1, '472c3cbda1be97450930a4452f13983ff7ffca5e2e0e3e0691dd791c0431906f', '2026-11-29 09:08:44.075716', '2026-11-29 09:08:44.075716', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c97-74a9-ac16-7173185ada5b', 'event', 'Baleli police truck bombing, Quetta, 30 November 2022', '["Baleli attack","بلیلی حملہ"]', 'a suicide attacker rammed a motorbike or rickshaw packed with explosives into the police truck', 'baleli police truck bombing, quetta, 30 november 2022
baleli attack
بلیلی حملہ', NULL, NULL, 1, 'b1580169c1ded5d6e6b5daa809b9a8c7888db00782caf90be162ee925dc38aa0', '2026-11-29 09:08:44.823553', '2026-11-29 09:08:44.823553', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5cc6-74e4-a3a8-2b63571d615d', 'other', 'TTP letter ending the ceasefire, November 2022', '["handwritten TTP letter"]', NULL, 'ttp letter ending the ceasefire, november 2022
handwritten ttp letter', NULL, NULL, 1, 'bb8c3f98ad7524b6935520196267a89cff67a0978832152047f6e3b0098a7091', '2026-11-29 09:08:44.870884', '2026-11-29 09:08:44.870884', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5cd9-76db-8bca-945eff3fe687', 'person', 'Noor Wali Mehsud', '["Abu Mansoor Asim"]', 'Leader (ameer) of the TTP.', 'noor wali mehsud
abu mansoor asim', NULL, NULL, 1, 'f9f600521277ccee15d3118583dd3da4e9922337e957dbd5f464efcc3f922cca', '2026-11-29 09:08:44.889026', '2026-11-29 09:08:44.889026', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5ce7-731e-a7f2-bc056a482678', 'event', 'TTP–Pakistan talks in Kabul, 2022', '[]', NULL, 'ttp–pakistan talks in kabul, 2022', NULL, NULL, 1, '08a6b96b161afc638ed0bf0dfd3e419ee3e2d58738308e57b939e5538ff59441', '2026-11-29 09:08:44.903649', '2026-11-29 09:08:44.903649', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."entities" ("id", "kind", "name", "aliases", "description", "search_text", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5cb0-73f7-bd3f-324ebc01e44b', 'place', 'Baleli', '["Baleli checkpoint"]', 'An area on the outskirts of Quetta.', 'baleli
baleli checkpoint', NULL, NULL, 5, '07c2790c28d186ec9921700665d2a0aa6cf831fd4df1813123ad01e54171cbf8', '2026-11-29 09:08:44.84849', '2026-11-29 09:08:44.960504', '01a22690-5adc-74a1-a268-a7a607dd6bd4');


--
-- Data for Name: idempotency_keys; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."idempotency_keys" ("user_id", "key", "request_hash", "status", "location", "etag", "response_body", "created_at") VALUES ('01a22690-5adc-74a1-a268-a7a607dd6bd4', 'golden-source-outlet', '8d679075e082fe355d6f7edf0166b998ab0581c08df441eb78086dca0f372392', 201, '/v1/sources/01a22690-5c0a-72f6-b84f-fe67e2b92374', '1', '{"id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","kind":"article","title":"Suicide attack on police truck in Quetta kills policeman, two civilians","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack","publisher":"Example News","authors":["Staff reporter","Web desk"],"published_at":"2022-11-30","language":"en","reliability":"C","archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","retracted":null,"revision":1,"created_at":"2026-11-29T09:08:44.682233Z","updated_at":"2026-11-29T09:08:44.682233Z","created_by":"01a22690-5adc-74a1-a268-a7a607dd6bd4"}', '2026-11-29 09:08:44.685156');
INSERT INTO "public"."idempotency_keys" ("user_id", "key", "request_hash", "status", "location", "etag", "response_body", "created_at") VALUES ('01a22690-5760-7546-9b00-4264115a3ff3', 'golden-property', '741dbae0bb3d0bd265ea4f91af39a327fe99372eb541b6d738f230916f3678ea', 201, '/v1/properties/polio_team.protected', '1', '{"key":"polio_team.protected","label":"Polio team protected","description":"Whether the target was protecting a polio vaccination team.","value_type":"boolean","single_valued":false,"unit":null,"revision":1,"created_at":"2026-11-29T09:08:44.980251Z","updated_at":"2026-11-29T09:08:44.980251Z","created_by":"01a22690-5760-7546-9b00-4264115a3ff3"}', '2026-11-29 09:08:44.981908');
INSERT INTO "public"."idempotency_keys" ("user_id", "key", "request_hash", "status", "location", "etag", "response_body", "created_at") VALUES ('01a22690-5adc-74a1-a268-a7a607dd6bd4', 'golden-claim-two-days', '7452d90d8dfc5f14f441217cbd5916c3764da9951b13d4c6342ec7167d792e72', 201, '/v1/claims/01a22690-5edf-7236-af85-f171150a196d', '1', '{"id":"01a22690-5edf-7236-af85-f171150a196d","statement":"The attack came barely two days after the TTP ended its ceasefire.","subject":null,"property":null,"value":null,"occurred_at":{"value":"2022-11-30","precision":"day"},"place":null,"claimed_at":null,"confidence":0.75,"confidence_label":"likely","credibility":null,"claimant":null,"verdict":"unreviewed","verdict_note":null,"tags":["ceasefire"],"citations":[{"id":"01a22690-5ee0-77e4-be4c-a4d0b78b86cd","source":{"id":"01a22690-5983-75ab-890d-73ee9cafc215","title":"Afghan Taliban, TTP And Pakistan: The Undeniable Nexus","publisher":null,"reliability":"C","url":null,"retracted":false},"quote":"This comes barely two days after the TTP ended their tenuous ceasefire","locator":null,"url":null},{"id":"01a22690-5ee0-77e4-be4c-a4d13540b7e3","source":{"id":"01a22690-5c5d-757b-8b06-16a5d73169c8","title":"کوئٹہ میں پولیس ٹرک پر خودکش حملہ: ‘اسلامی امارت’ اور “دباؤ” کی بحث","publisher":"روزنامہ مثال","reliability":"D","url":null,"retracted":false},"quote":"جنگ بندی کے خاتمے کے دو دن بعد","locator":null,"url":null}],"cites_retracted_source":false,"open_contradiction_ids":[],"retracted":null,"revision":1,"created_at":"2026-11-29T09:08:45.407698Z","updated_at":"2026-11-29T09:08:45.407698Z","created_by":{"id":"01a22690-5adc-74a1-a268-a7a607dd6bd4","username":"editor"}}', '2026-11-29 09:08:45.411075');
INSERT INTO "public"."idempotency_keys" ("user_id", "key", "request_hash", "status", "location", "etag", "response_body", "created_at") VALUES ('01a22690-5adc-74a1-a268-a7a607dd6bd4', 'golden-flag-ceasefire', '4d8dcabd74219ee0453d512aafcd21cc5efad437c1372f95b59fecde75f111fb', 201, '/v1/contradictions/01a22690-5f5b-76a1-a0ae-8d4fbdc02996', '1', '{"id":"01a22690-5f5b-76a1-a0ae-8d4fbdc02996","claim_ids":["01a22690-5edf-7236-af85-f171150a196d","01a22690-5ef9-7164-838e-921f4cb99399"],"origin":"manual","status":"open","note":"Two days or a week?","resolution_note":null,"preferred_claim_id":null,"subject_id":null,"property":null,"revision":1,"created_at":"2026-11-29T09:08:45.531088Z","updated_at":"2026-11-29T09:08:45.531088Z","created_by":"01a22690-5adc-74a1-a268-a7a607dd6bd4"}', '2026-11-29 09:08:45.532159');


--
-- Data for Name: login_failures; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: properties; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('fatalities', 'Fatalities', 'People killed.', 'quantity', false, 'people', 1, '6d68331aa9268342fc55c9bffd8a33d5e81f46b11354359ae5cc86166275145f', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.448317', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('polio_team.protected', 'Polio team protected', 'Whether the target was protecting a polio vaccination team.', 'boolean', false, NULL, 3, '7c3d0461025585b3243694234cdecdbd3620e8dc7c7ce05951a32eb02c6df0c3', '2026-11-29 09:08:44.980251', '2026-11-29 09:08:45.647493', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('fatalities.police', 'Police fatalities', 'Police personnel killed.', 'quantity', false, 'people', 1, '69f9f8b0420cd4bca38bf475788b82748ba73b923efcac6bf7e908eac3366004', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.455094', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('fatalities.civilian', 'Civilian fatalities', 'Civilians killed.', 'quantity', false, 'people', 1, 'aa4abeff4c14ba0644b8e286bf7f8721c52166466650faa2363a9ca7beb06f5a', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.455935', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('fatalities.perpetrator', 'Perpetrator fatalities', 'Attackers killed.', 'quantity', false, 'people', 1, '72241de0e7d0b69108862a6b60ccf46834cef7a50f846efcaffb92cbdd3b8c8a', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.456733', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('injured', 'Injured', 'People injured.', 'quantity', false, 'people', 1, '24555f3b28e6b2de4df05c2f03b3475f29ef8a9e7655391fc708d52c00cb8857', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.457291', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('perpetrator', 'Perpetrator', 'Who carried out the act.', 'entity', false, NULL, 1, '96742adb7165f49bc97d93acaa97b42d66a3aff1e183c04a0776b8230ea3e63e', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.458299', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('responsibility_claimed_by', 'Responsibility claimed by', 'Who claimed responsibility.', 'entity', false, NULL, 1, 'e797b6266ea81b6e3bb4833e74ef55c97eadc65145a431dd5398c18ee2206e1e', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.459116', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('target', 'Target', 'Who or what was targeted.', 'entity', false, NULL, 1, 'fc116836f28058765613652d655028617d7fc74a934dab4faeddc8fadadd9ec2', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.460825', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('signatory', 'Signatory', 'Who signed a document or order.', 'entity', true, NULL, 1, '9a3140b53eafad932ae7178af45414becc69aa17cbf1b3cfbe2079bd6814824b', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.461477', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('location', 'Location', 'Where it happened.', 'entity', true, NULL, 1, '710ba8becf1fc1c62b5cc8bbfabda4a8b1e375afa7a994a0e309c54f7ea13b45', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.462507', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('vehicle', 'Vehicle', 'The vehicle used.', 'text', true, NULL, 1, '289c28bae8cb7bcb88bdbcaf276e98d4ddda73da473ac1c2a9c3e119a9e57eac', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.463042', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('weapon', 'Weapon', 'A weapon used.', 'text', false, NULL, 1, '55431334b76a7001eaa1d7e0537990bd20ad7ac80e1075ac9dcbab4b4c317ea2', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.46355', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('start_date', 'Start date', 'When it started.', 'time', true, NULL, 1, 'de679c18988cd9677016b58cebccb5f1dbb92855a5162cf1489a282a31ae5b29', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.464173', NULL);
INSERT INTO "public"."properties" ("key", "label", "description", "value_type", "single_valued", "unit", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('end_date', 'End date', 'When it ended.', 'time', true, NULL, 1, 'a225f85693f91b2982c1e80630fbe11499bad45e1766be9fd630685c66c12dea', '2026-11-29 09:08:43.315623', '2026-11-29 09:08:43.465441', NULL);


--
-- Data for Name: refresh_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."refresh_tokens" ("token_hash", "session_id", "created_at", "expires_at", "used_at") VALUES ('0c14c0892b412d0e1a6bc3582b586d2472603a51ba9f6f7b082430606c3e5528', '01a22690-5ac3-712d-8e95-dea16de94a89', '2026-11-29 09:08:44.355938', '2026-12-29 09:08:44.355938', NULL);
INSERT INTO "public"."refresh_tokens" ("token_hash", "session_id", "created_at", "expires_at", "used_at") VALUES ('e57b8b385fbef1b3e31fae053a7eb725e1433cbccf948ec56d16d6b1ed47aedd', '01a22690-5bb0-735a-8f10-bb5da9f54b7d', '2026-11-29 09:08:44.592445', '2026-12-29 09:08:44.592445', NULL);
INSERT INTO "public"."refresh_tokens" ("token_hash", "session_id", "created_at", "expires_at", "used_at") VALUES ('50940cca8228508c69deea7c5f748e161c7749ce94a5e14505f6a06b5adac7a8', '01a22690-5bca-76de-9af8-79bb8a11073a', '2026-11-29 09:08:44.618955', '2026-12-29 09:08:44.618955', NULL);
INSERT INTO "public"."refresh_tokens" ("token_hash", "session_id", "created_at", "expires_at", "used_at") VALUES ('a33ad524681b60b1a22a7143e6919da896a086206e51feb28a45738ae561cdef', '01a22690-5fe8-7310-9029-3d45a56df538', '2026-11-29 09:08:45.672208', '2026-12-29 09:08:45.672208', NULL);


--
-- Data for Name: revisions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (1, 6961, 'properties', 'fatalities', 1, 'create', NULL, '2026-11-29 09:08:43.448317', NULL, '{"description":"People killed.","key":"fatalities","label":"Fatalities","single_valued":false,"unit":"people","value_type":"quantity"}', '34ad160add5b9ad0aa50a035fe3e05a04a255aa8b1f06d8233ea43dfe498177e', '', '6d68331aa9268342fc55c9bffd8a33d5e81f46b11354359ae5cc86166275145f');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (2, 6961, 'properties', 'fatalities.police', 1, 'create', NULL, '2026-11-29 09:08:43.455094', NULL, '{"description":"Police personnel killed.","key":"fatalities.police","label":"Police fatalities","single_valued":false,"unit":"people","value_type":"quantity"}', 'fc17be0d3bfa77f48eceaab45f411a1d45a6dd7e76340ed74229564d053b00a2', '', '69f9f8b0420cd4bca38bf475788b82748ba73b923efcac6bf7e908eac3366004');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (3, 6961, 'properties', 'fatalities.civilian', 1, 'create', NULL, '2026-11-29 09:08:43.455935', NULL, '{"description":"Civilians killed.","key":"fatalities.civilian","label":"Civilian fatalities","single_valued":false,"unit":"people","value_type":"quantity"}', '0fcbfffd4b6946e9715b50a7e90d5577ceac992a5a3b2063f93171dd10abd6fa', '', 'aa4abeff4c14ba0644b8e286bf7f8721c52166466650faa2363a9ca7beb06f5a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (4, 6961, 'properties', 'fatalities.perpetrator', 1, 'create', NULL, '2026-11-29 09:08:43.456733', NULL, '{"description":"Attackers killed.","key":"fatalities.perpetrator","label":"Perpetrator fatalities","single_valued":false,"unit":"people","value_type":"quantity"}', '5a0b1c23d1d054cb8d5fc322d1869d681e4273253a2595feaffb51c805b09d5f', '', '72241de0e7d0b69108862a6b60ccf46834cef7a50f846efcaffb92cbdd3b8c8a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (5, 6961, 'properties', 'injured', 1, 'create', NULL, '2026-11-29 09:08:43.457291', NULL, '{"description":"People injured.","key":"injured","label":"Injured","single_valued":false,"unit":"people","value_type":"quantity"}', '1c99d287d3960b93259e8cc0c922aee2bd60fdcc396591c39f66630eef576a4e', '', '24555f3b28e6b2de4df05c2f03b3475f29ef8a9e7655391fc708d52c00cb8857');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (6, 6961, 'properties', 'perpetrator', 1, 'create', NULL, '2026-11-29 09:08:43.458299', NULL, '{"description":"Who carried out the act.","key":"perpetrator","label":"Perpetrator","single_valued":false,"unit":null,"value_type":"entity"}', '47b408fa022176459faa1bd4849a60e0f79475d09fdbb1343bbb2e7f891a2422', '', '96742adb7165f49bc97d93acaa97b42d66a3aff1e183c04a0776b8230ea3e63e');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (7, 6961, 'properties', 'responsibility_claimed_by', 1, 'create', NULL, '2026-11-29 09:08:43.459116', NULL, '{"description":"Who claimed responsibility.","key":"responsibility_claimed_by","label":"Responsibility claimed by","single_valued":false,"unit":null,"value_type":"entity"}', '8847d13c5f3a14d3226eb6817169a1281d828150cec37df5def4adceb45ea2f4', '', 'e797b6266ea81b6e3bb4833e74ef55c97eadc65145a431dd5398c18ee2206e1e');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (8, 6961, 'properties', 'target', 1, 'create', NULL, '2026-11-29 09:08:43.460825', NULL, '{"description":"Who or what was targeted.","key":"target","label":"Target","single_valued":false,"unit":null,"value_type":"entity"}', '208f9fa56d96d1709beb52696a487726673c92a3b2f745dc0e8e81a698223106', '', 'fc116836f28058765613652d655028617d7fc74a934dab4faeddc8fadadd9ec2');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (9, 6961, 'properties', 'signatory', 1, 'create', NULL, '2026-11-29 09:08:43.461477', NULL, '{"description":"Who signed a document or order.","key":"signatory","label":"Signatory","single_valued":true,"unit":null,"value_type":"entity"}', 'd0d6954c8d996e67f8a1383afc9972c70f20db96cc7ce95069ce88f0ccdbb723', '', '9a3140b53eafad932ae7178af45414becc69aa17cbf1b3cfbe2079bd6814824b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (10, 6961, 'properties', 'location', 1, 'create', NULL, '2026-11-29 09:08:43.462507', NULL, '{"description":"Where it happened.","key":"location","label":"Location","single_valued":true,"unit":null,"value_type":"entity"}', '1ace3e0dd3adcb6a14b8fe9b4ade94ca7da96f7ed2d0754dea281d7e37e1ea07', '', '710ba8becf1fc1c62b5cc8bbfabda4a8b1e375afa7a994a0e309c54f7ea13b45');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (11, 6961, 'properties', 'vehicle', 1, 'create', NULL, '2026-11-29 09:08:43.463042', NULL, '{"description":"The vehicle used.","key":"vehicle","label":"Vehicle","single_valued":true,"unit":null,"value_type":"text"}', 'd06cad898869210a5a17b505f3af0de377a226e4f02d384cc75b34e5b05a33c5', '', '289c28bae8cb7bcb88bdbcaf276e98d4ddda73da473ac1c2a9c3e119a9e57eac');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (12, 6961, 'properties', 'weapon', 1, 'create', NULL, '2026-11-29 09:08:43.46355', NULL, '{"description":"A weapon used.","key":"weapon","label":"Weapon","single_valued":false,"unit":null,"value_type":"text"}', 'b65a6df617108f8ede99acd275a04b64403463f81578c270c0193fd288d53d6b', '', '55431334b76a7001eaa1d7e0537990bd20ad7ac80e1075ac9dcbab4b4c317ea2');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (13, 6961, 'properties', 'start_date', 1, 'create', NULL, '2026-11-29 09:08:43.464173', NULL, '{"description":"When it started.","key":"start_date","label":"Start date","single_valued":true,"unit":null,"value_type":"time"}', 'a2c61907051f74f16a71a6d24d643508c44c91848b331cac9b9943e4e2229036', '', 'de679c18988cd9677016b58cebccb5f1dbb92855a5162cf1489a282a31ae5b29');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (14, 6961, 'properties', 'end_date', 1, 'create', NULL, '2026-11-29 09:08:43.465441', NULL, '{"description":"When it ended.","key":"end_date","label":"End date","single_valued":true,"unit":null,"value_type":"time"}', '6dd8210a7a7d60bf04a69a354777f40b7c85720397a75fb57e16aef4045bcdd9', '', 'a225f85693f91b2982c1e80630fbe11499bad45e1766be9fd630685c66c12dea');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (15, 6976, 'users', '01a22690-5760-7546-9b00-4264115a3ff3', 1, 'create', NULL, '2026-11-29 09:08:43.48825', NULL, '{"disabled":false,"display_name":"Administrator","role":"admin","username":"admin"}', '6f2e7bbe5f9c5dce94c63de774e61f368ab23cc1e934482cefba31526c7443c4', '', 'a9e83a865e13716d0011a69f3ee6882b067b09c238523c45fa4f346d4928b23b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (16, 7123, 'sources', '01a22690-5983-75ab-890d-73ee9cafc215', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.035472', 'demo data', '{"archived_url":null,"authors":["Shemrez"],"kind":"article","language":"en","published_at":null,"publisher":null,"reliability":"C","retracted":null,"title":"Afghan Taliban, TTP And Pakistan: The Undeniable Nexus","url":null}', 'ebc9d6d2d645733f6b7902b3c792a8b982a24c21d8d785f18137c0896859aba2', '', '70baaf7c6ddd009bce789fbfc700cb148d5962646d56f3d560173de3c98883ad');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (17, 7124, 'entities', '01a22690-598c-7750-8456-5ae5d31d7f42', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.044802', 'demo data', '{"aliases":["TTP","Pakistani Taliban"],"description":"Militant organisation fighting the Pakistani state.","kind":"organization","name":"Tehreek-e-Taliban Pakistan","retracted":null}', '22d10f8d54f777faa7e71ef35bc75014653c67d32fbd3aeb071afa78c7a118e3', '', '949a611513974e0319913dcf933055edc6eff159d74ff45e1a67865a07e5a326');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (18, 7125, 'entities', '01a22690-5990-77f2-b9e5-49ebb7a58560', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.048321', 'demo data', '{"aliases":["Islamic Emirate of Afghanistan","Taliban"],"description":"Rulers of Afghanistan since August 2021.","kind":"organization","name":"Afghan Taliban","retracted":null}', '96d7e87abbf8985165fa836359271a739466fd733b1c2dcaad5209a297daf720', '', '91beb776e68e18bdfb6efbfc32a2f5efe3a3f235733cd458e5ebb66cc2ecafda');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (19, 7126, 'entities', '01a22690-5992-77a6-b4f2-28dcb154c856', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.050225', 'demo data', '{"aliases":["Islamic Republic of Pakistan"],"description":null,"kind":"place","name":"Pakistan","retracted":null}', '542e16191a0f3a33e5b2322883347d47b354fd116889d778da5c0ede6deb7b5e', '', 'a9c393af5dc64edbf8e5eacd17479e7f357c87d5b71d2a7be8967b7ac9dbde5a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (20, 7127, 'entities', '01a22690-599d-7195-a318-acf20563d673', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.061905', 'demo data', '{"aliases":[],"description":"Police force of Balochistan province.","kind":"organization","name":"Balochistan Constabulary","retracted":null}', '54d67ef399b4455135122cf9f710e01981d38168be8c610153acbaf9efe2ea85', '', 'b80596fb8fb828075669c659a74626184ff58b29dd3bbaf9552a9f95a7076c30');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (21, 7128, 'entities', '01a22690-599f-72ce-946a-8d4cd513506b', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.063739', 'demo data', '{"aliases":[],"description":"TTP deputy leader (naib ameer) and ''defense minister''.","kind":"person","name":"Mufti Muzahim","retracted":null}', 'f874d2367736c58ac54ea926c6950d0f878e9e722e16c4a2ffc964e04ca56525', '', 'f157f2e4776db39d1abb6ed51baadb817f654f199d161963e5a01538ae31a86a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (22, 7129, 'entities', '01a22690-59a2-7600-ab62-599b80feee23', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.06614', 'demo data', '{"aliases":["DIG Police Azfar Mahesar"],"description":"Deputy Inspector General of Police.","kind":"person","name":"Azfar Mahesar","retracted":null}', '7a18c4a1ebc62d61bbb58feffcd8534d199680b680409b850ee9cafc6f52196e', '', '77fb493622c570a5064fce6a976312d1d00b1bea01421b555d1061d80e9a77fe');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (23, 7130, 'entities', '01a22690-59a3-716b-ac0c-7d7bd9dc567d', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.067351', 'demo data', '{"aliases":[],"description":"Pakistan''s State Minister for Foreign Affairs.","kind":"person","name":"Hina Rabbani Khar","retracted":null}', '0b8090854f8165915ad92159a61c2667db6d323bdff163b2e62607adc1030294', '', '90fe5fc552d425f63b0d5da7a43b8a6c8ca642b09bc2139bda3f2b6e1a851f87');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (24, 7131, 'entities', '01a22690-59a4-732f-b456-8aa18846cda2', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.06849', 'demo data', '{"aliases":["Quetta attack"],"description":"Suicide attack on a Balochistan Constabulary truck protecting a polio vaccination team.","kind":"event","name":"Quetta police truck bombing, 30 November 2022","retracted":null}', '0f073211cd17a97269b759e3173e9199386da6a3839de2b3abd4835a6a9d56ff', '', 'd0e0fcec4f06e4eb55eee880fa6bf3d9227df9d203c887afda8af0c300871cef');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (25, 7132, 'entities', '01a22690-59a6-701c-a43f-57b559ff8fc4', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.07002', 'demo data', '{"aliases":["TTP attack order"],"description":"A handwritten letter announcing attacks across Pakistan.","kind":"other","name":"TTP order to initiate nationwide attacks, November 2022","retracted":null}', 'ccc2d8c3c72aa2e6e984958bc9c52966967696c1930fe6b3180b546857f3fc6e', '', '22e798047c85b9161a18022e454e618cb7a3ed6705fd09101187e985cf37b0a0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (26, 7133, 'entities', '01a22690-59a8-7052-8495-b5492989ab4d', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.072164', 'demo data', '{"aliases":[],"description":"Ceasefire between the TTP and Pakistan mediated by the Afghan Taliban.","kind":"event","name":"TTP–Pakistan ceasefire","retracted":null}', '08a694864c5e0bb3b28add8649b65ca36eba8c2e596a01f364efae19f063c74f', '', '0272303db7baf74b00320b29df448ce458518d94b34dc50273e71ea2bc5df77a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (27, 7134, 'entities', '01a22690-59a9-7260-ba50-264b89124083', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.073311', 'demo data', '{"aliases":["Lakki Marwat operation"],"description":null,"kind":"event","name":"Lakki Marwat joint security operation, November 2022","retracted":null}', '0e973172fdf0042852a78d276d29e4329ad1cf4dc5dedac51fc35f436905ff8a', '', '576361e62829d27476b7fc55a0bd8c7965f28256bb7513f7825926e4be850da0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (28, 7135, 'entities', '01a22690-59aa-724b-a7fe-00338f4e762c', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.074314', 'demo data', '{"aliases":["Serena Hotel attack"],"description":"Suicide bombing in Quetta''s red zone.","kind":"event","name":"Serena Hotel bombing, Quetta, April 2021","retracted":null}', '9da96fe55aca5d6ca9611253f4b9bd4121c21d5e99e101e4d444525fddeaf146', '', '7e898d921e693fa32db7753208f8fff84b3842c4f598859713e88225b3b123b0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (29, 7136, 'entities', '01a22690-59ab-7022-85ed-cfb2fcd929dc', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.075716', 'demo data', '{"aliases":["Quetta, Balochistan"],"description":"Capital of Balochistan province, Pakistan.","kind":"place","name":"Quetta","retracted":null}', 'fa03286b9be0debcb4cfb0ab56f7dc82fd7f6f9d7bc93e9d82fc94299a5ddd66', '', '472c3cbda1be97450930a4452f13983ff7ffca5e2e0e3e0691dd791c0431906f');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (30, 7137, 'claims', '01a22690-59ad-7039-ac01-730e6efe10fe', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.077665', 'demo data', '{"citations":[{"locator":"paragraph 1","quote":"have claimed responsibility for attacking a police truck of the Balochistan Constabulary","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42","text":"Tehreek-e-Taliban Pakistan (claim of responsibility)"},"claimed_at":null,"confidence":0.9,"credibility":2,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"responsibility_claimed_by","retracted":null,"statement":"The TTP claimed responsibility for the attack on a Balochistan Constabulary police truck in Quetta on 30 November 2022.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42","type":"entity"},"verdict":"unreviewed","verdict_note":null}', '4d00359f17d549fc19508d4ce1918dcf672da3408f8c89a43d87015ad1d2ae15', '', '0a323bfc82388ad7e091e6386b16f1833e3910079fab501350c2b7448a42f87b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (31, 7138, 'claims', '01a22690-59b7-7685-b305-6936b45fc788', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.087153', 'demo data', '{"citations":[{"locator":"paragraph 1","quote":"attacking a police truck of the Balochistan Constabulary in the morning hours of November 30","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.9,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"target","retracted":null,"statement":"The Quetta attack targeted a police truck of the Balochistan Constabulary.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"entity_id":"01a22690-599d-7195-a318-acf20563d673","type":"entity"},"verdict":"unreviewed","verdict_note":null}', 'b50d3ac2f6933ba382fd7b19114a6dfafeaf96619a28b4c01134627db38ada85', '', '9caea15020de0f6e567c2e6972951391c12f619ffc9d0d32415e48ce465996a4');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (32, 7140, 'claims', '01a22690-59bb-7779-89af-15d7c33428de', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.091131', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"causing at least one police fatality","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.75,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"fatalities.police","retracted":null,"statement":"At least one police officer was killed in the attack on the Balochistan Constabulary truck in Quetta.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"lower":1,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '6af5f86ec9884f6c57a6e4c2d4b02c34546f84e00b5c8bb971091c649bb77df3', '', '54e13f5f65be71f4c19e31c659c305f1afc1c4681c38e610fd3186aa6b7076bf');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (77, 7234, 'entities', '01a22690-5cb0-73f7-bd3f-324ebc01e44b', 4, 'restore', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:44.946001', 'Not a duplicate after all.', '{"aliases":["Baleli checkpoint","Baleli, Quetta"],"description":"Where the Quetta–Sibi road leaves the city.","kind":"place","name":"Baleli","retracted":null}', '05b613c167ee1b3b96b2ded7c9d32399bbac1a9a9ce31ae201beaa467d45682a', '3cf0a83b60c352442f8bedce26809660c9dd6caf2b27b1bc1f6995e5633040c1', '8bb5806eb9bdf99ee70d9a23207c27fc12bf4166060327bdc90b78e6538fc484');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (33, 7141, 'claims', '01a22690-59bf-7753-8e5f-dfcce85b1752', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.095189', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"killing two other civilians, a woman and a minor","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.7,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"fatalities.civilian","retracted":null,"statement":"Two civilians, a woman and a minor, were killed in the Quetta attack.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"lower":2,"type":"quantity","unit":"people","upper":2},"verdict":"unreviewed","verdict_note":null}', '550bd5b44de91ef996af30c8a31bc8f2bb5467c66cd8f3a42274a69d956d3683', '', '080a832f76b79356d566fca8e41d75572957528cf7772194da7227fe1780437b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (34, 7142, 'claims', '01a22690-59c2-76f4-b0c6-f57485aa18e6', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.098955', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.7,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 police personnel were injured in the Quetta attack.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '4fd43ecf2c7da7336dc1a432a3eb264b7006b7cdc598dc4a59aa5f9b12b6b6fd', '', '52b17563d3bb5954de68cf390adaa85c50a99ef2aa39b12adde5f91021a038ec');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (35, 7143, 'claims', '01a22690-59c6-7542-8564-bb0084943cb2', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.102589', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"rammed a motorbike or rickshaw packed with explosives into the police truck","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"vehicle","retracted":null,"statement":"The suicide attacker in Quetta rammed a motorbike packed with explosives into the police truck.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"text":"motorbike","type":"text"},"verdict":"unreviewed","verdict_note":null}', '601f7e8cf31815a92514983a43bb787b82dea43953c212efd2607b7f3285eb18', '', '090d5f3f6202ffc71186ccacfc3973c4af807a1f42967fcee017bca4f574e5a7');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (36, 7144, 'claims', '01a22690-59cb-741a-a398-85bcea7f6d97', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.107198', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"rammed a motorbike or rickshaw packed with explosives into the police truck","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":3,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":"vehicle","retracted":null,"statement":"The suicide attacker in Quetta rammed a rickshaw packed with explosives into the police truck.","subject_id":"01a22690-59a4-732f-b456-8aa18846cda2","tags":["quetta-2022-11-30","ttp"],"value":{"text":"rickshaw","type":"text"},"verdict":"unreviewed","verdict_note":null}', 'c5891249ba8bcc5cb62ac716348250aee0b0a94fca48dd396614ebd80d7ecafa', '', 'a9a44c71813ef29de5235c4c53787aad337c299b3bfb84c8ca65e50e830d6d9d');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (37, 7144, 'contradictions', '01a22690-59cd-7226-a2c1-a32ae65b5490', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.109582', 'demo data', '{"claim_ids":["01a22690-59c6-7542-8564-bb0084943cb2","01a22690-59cb-741a-a398-85bcea7f6d97"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', 'f447c10dfb390400e5d671a153386c25368bf80995291cfa89c780e9af33dba4', '', 'b8989ca96d322fc1c5bad728b1c9764c02f7fc2d2ce38cad3f6516f32d68fea2');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (38, 7146, 'claims', '01a22690-59cf-7106-86ee-8e438301c445', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.111551', 'demo data', '{"citations":[{"locator":"paragraph 2","quote":"The police units were protecting a polio vaccination team according to DIG Police Azfar Mahesar","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar"},"claimed_at":null,"confidence":0.8,"credibility":2,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":"Quetta, Balochistan, Pakistan","property":null,"retracted":null,"statement":"The police units attacked in Quetta were protecting a polio vaccination team, not conducting a counterterrorism operation.","subject_id":null,"tags":["polio","quetta-2022-11-30"],"value":null,"verdict":"unreviewed","verdict_note":null}', '902efb2ceefcf84e9c4299feb35b31c3ae26c8987ff41f5082c4bd403d33bd14', '', '96d5f6f86c4af2654d8d654be6c7dd7369420a456a26dfa7106c9fdac1320340');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (39, 7147, 'claims', '01a22690-59d2-7504-8354-a74ca949a589', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.114062', 'demo data', '{"citations":[{"locator":"paragraph 3","quote":"This comes barely two days after the TTP ended their tenuous ceasefire with the Pakistani state","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.65,"credibility":null,"occurred_at":{"precision":"month","value":"2022-11"},"place":null,"property":"end_date","retracted":null,"statement":"The TTP ended its ceasefire with the Pakistani state about two days before the Quetta attack.","subject_id":"01a22690-59a8-7052-8495-b5492989ab4d","tags":["ceasefire","ttp"],"value":{"precision":"day","type":"time","value":"2022-11-28"},"verdict":"unreviewed","verdict_note":null}', '68e76331edf7b7e1bb2364be49852a625a4dd277515d55b02b904f5a5664ff00', '', '56eed203064c21ba7a5cf3a9dddf21f427b82a6f42b2ca64ca0546753ea5796a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (40, 7148, 'claims', '01a22690-59d4-7380-a673-a764f154dbc9', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.116668', 'demo data', '{"citations":[{"locator":"paragraph 3","quote":"Hina Rabbani Khar, visited Kabul for scheduled talks with the Afghan Taliban","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.85,"credibility":null,"occurred_at":{"precision":"month","value":"2022-11"},"place":"Kabul, Afghanistan","property":null,"retracted":null,"statement":"Hina Rabbani Khar, Pakistan''s State Minister for Foreign Affairs, visited Kabul for scheduled talks with the Afghan Taliban.","subject_id":null,"tags":["afghan-taliban","diplomacy"],"value":null,"verdict":"unreviewed","verdict_note":null}', '1b55df64a86b82b59a87654a41816e5efe7862879827bcabb5a6d0c4eb0c0ffa', '', '8decff59087071ca313b8bfa0502c14d1f6c8cf5acda730604878aae8e201861');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (78, 7235, 'entities', '01a22690-5cb0-73f7-bd3f-324ebc01e44b', 5, 'revert', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.960504', 'revert to revision 1', '{"aliases":["Baleli checkpoint"],"description":"An area on the outskirts of Quetta.","kind":"place","name":"Baleli","retracted":null}', '348566b80e7e5d1ae1de935447308216f8aedb67d9b873d97b35cc42cc1a7dc5', '8bb5806eb9bdf99ee70d9a23207c27fc12bf4166060327bdc90b78e6538fc484', '07c2790c28d186ec9921700665d2a0aa6cf831fd4df1813123ad01e54171cbf8');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (41, 7149, 'claims', '01a22690-59d6-7150-9dc3-ba288adb5c4f', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.118671', 'demo data', '{"citations":[{"locator":"paragraph 4","quote":"the Afghan Taliban were mediating this ceasefire between the TTP and Pakistan","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.6,"credibility":3,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"The Afghan Taliban were mediating the ceasefire between the TTP and Pakistan.","subject_id":null,"tags":["afghan-taliban","ceasefire","ttp"],"value":null,"verdict":"unreviewed","verdict_note":null}', 'e4f954bede6dc4cbfcd1974ae4365b610f8120818f3fcfb9a9543cc7bca784d0', '', '2f8c3084247cb0e915bcb48b845072ef187e9dc063f830d83806b8233d3d60ac');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (42, 7150, 'claims', '01a22690-59d8-70a1-975e-37e4988a8899', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.120931', 'demo data', '{"citations":[{"locator":"paragraph 5","quote":"issued in a handwritten letter signed by Mufti Muzahim, TTP''s deputy leader (naib ameer)","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.75,"credibility":3,"occurred_at":{"precision":"month","value":"2022-11"},"place":null,"property":"signatory","retracted":null,"statement":"The TTP''s order to begin nationwide attacks was a handwritten letter signed by Mufti Muzahim.","subject_id":"01a22690-59a6-701c-a43f-57b559ff8fc4","tags":["attack-order","ttp"],"value":{"entity_id":"01a22690-599f-72ce-946a-8d4cd513506b","type":"entity"},"verdict":"unreviewed","verdict_note":null}', '8248853accaa37978fadfaed485bcba67a75ebf93fbff2dea7f5dd11df9f13ac', '', 'a6af814a7a18192f3253b81b71a3d6ee34c353f1d19c77f46f28c7889d439360');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (43, 7151, 'claims', '01a22690-59db-76d1-ad92-8076f206d59b', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.123504', 'demo data', '{"citations":[{"locator":"paragraph 5","quote":"Mufti Muzahim, TTP''s deputy leader (naib ameer) and ‘defense minister’","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.8,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"Mufti Muzahim is the TTP''s deputy leader (naib ameer) and its ''defense minister''.","subject_id":null,"tags":["ttp"],"value":null,"verdict":"unreviewed","verdict_note":null}', 'f010598d8dd6d8fb7453f19fed7a2596d12837130abcbe3e8d1cfb6314e6dfd1', '', '2de1b9b4a9a2ace0b8b41abd1b0a6f3c74aa1243146fae60043e2513c4d644b5');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (44, 7152, 'claims', '01a22690-59dd-77f0-ba25-1847d87c8e91', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.125578', 'demo data', '{"citations":[{"locator":"paragraph 7","quote":"the Lakki Marwat joint security operation that started on November 26","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.85,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-26"},"place":"Lakki Marwat, Khyber Pakhtunkhwa, Pakistan","property":"start_date","retracted":null,"statement":"The Lakki Marwat joint security operation started on 26 November 2022.","subject_id":"01a22690-59a9-7260-ba50-264b89124083","tags":["lakki-marwat"],"value":{"precision":"day","type":"time","value":"2022-11-26"},"verdict":"unreviewed","verdict_note":null}', 'f285f0b49126783362a9e1ed83d49c370b5dec91ea4f42641a09ba78095ca0cb', '', '45e23320c36510802a1b8a08e8abe738bbaa2b6722adc056c7f2c490ad6773bf');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (45, 7153, 'claims', '01a22690-59e0-7795-badf-65d3eb985d7b', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.128146', 'demo data', '{"citations":[{"locator":"paragraph 7","quote":"multiple attacks that the TTP claimed responsibility for carrying out in Lakki Marwat district on November 25","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42","text":null},"claimed_at":null,"confidence":0.8,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-25"},"place":"Lakki Marwat, Khyber Pakhtunkhwa, Pakistan","property":null,"retracted":null,"statement":"The TTP claimed responsibility for multiple attacks in Lakki Marwat district on 25 November 2022.","subject_id":null,"tags":["lakki-marwat","ttp"],"value":null,"verdict":"unreviewed","verdict_note":null}', '283fabd304ff810d850051b0d84ec252a3ed731e343581d05b3eb8cf9d2538ad', '', '62a5f006364d56cfd0fbd610d11076283b1524c81f44b8140c68db76ced03323');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (46, 7154, 'claims', '01a22690-59e2-7522-a807-179c12183cc2', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.130336', 'demo data', '{"citations":[{"locator":"paragraph 8","quote":"would “put pressure” on the Afghan Taliban to restrain the Pakistani Taliban","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":null,"text":"Mainstream national security pundits in Pakistan"},"claimed_at":null,"confidence":0.9,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"Mainstream Pakistani national security pundits believe the TTP''s declaration will put pressure on the Afghan Taliban to restrain the Pakistani Taliban.","subject_id":null,"tags":["afghan-taliban","ttp"],"value":null,"verdict":"unreviewed","verdict_note":null}', '3d7ef89c9387b7ac19f176d085d96105869e3270e1ec09daf945ed5e54818dc4', '', 'd2c1abf226194bf9c807ad66bb0d4373675fd7538186f12468c3806c895cd9e6');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (47, 7155, 'claims', '01a22690-59e4-726e-9b0c-1549c8a93e82', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.132502', 'demo data', '{"citations":[{"locator":"paragraph 9","quote":"In April 2021, the TTP claimed responsibility for a suicide bombing attack on Serena Hotel in Quetta''s heavily guarded red zone","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.85,"credibility":null,"occurred_at":{"precision":"month","value":"2021-04"},"place":"Quetta, Balochistan, Pakistan","property":"responsibility_claimed_by","retracted":null,"statement":"The TTP claimed responsibility for a suicide bombing at the Serena Hotel in Quetta''s red zone in April 2021.","subject_id":"01a22690-59aa-724b-a7fe-00338f4e762c","tags":["serena-hotel","ttp"],"value":{"entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42","type":"entity"},"verdict":"unreviewed","verdict_note":null}', 'a926dbe91751e90c6a39fe8f66a47aa8f5ecf3227126a8098cbb4d4e1547041d', '', '4766809a68d0f6071c50db60b55dbd15549a78f7ef293a7e597d0817be09b1e3');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (48, 7156, 'claims', '01a22690-59e6-72e3-a836-12dc24376bcf', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.134865', 'demo data', '{"citations":[{"locator":"paragraph 10","quote":"As the Afghan Taliban emerged victorious, on August 15 no less","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.97,"credibility":null,"occurred_at":{"precision":"day","value":"2021-08-15"},"place":"Kabul, Afghanistan","property":null,"retracted":null,"statement":"The Afghan Taliban returned to power in Kabul on 15 August 2021.","subject_id":null,"tags":["afghan-taliban"],"value":null,"verdict":"unreviewed","verdict_note":null}', 'a1dc44dd484c681c15746e6dd078e7826a86f14354c9246f439a257adea78cda', '', 'ccd9414db94f103f30d0a0165de682a2b0cc8cf14ebaf0fa98c47ba5fee69ecd');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (79, 7237, 'properties', 'polio_team.protected', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.980251', NULL, '{"description":"Whether the target was protecting a polio vaccination team.","key":"polio_team.protected","label":"Polio team protected","single_valued":false,"unit":null,"value_type":"boolean"}', 'd025395ec90d6cd700cd141f551adc51e4cd303cff7afb914fe59aa1cf63b764', '', 'bf74d7202029d7331faef49f3b58cca4fe48ac2a1d5e1f259b1261962cae7d62');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (49, 7157, 'claims', '01a22690-59e9-7571-b86e-607e22218b96', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.137171', 'demo data', '{"citations":[{"locator":"paragraph 10","quote":"a three-month-long ceasefire between the TTP and Pakistan, became public knowledge by October 2021","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.8,"credibility":null,"occurred_at":{"precision":"month","value":"2021-10"},"place":null,"property":null,"retracted":null,"statement":"Negotiations mediated by the Afghan Taliban and a three-month ceasefire between the TTP and Pakistan became public by October 2021.","subject_id":null,"tags":["ceasefire","ttp"],"value":null,"verdict":"unreviewed","verdict_note":null}', '7c1f9d79468cb46d13c26d64a3f66433b50d1395c7970ff7b7a54a4025dd07da', '', '28d0fd57d33e57a640153e5a4341634ae200318b8e67cfe15dac2a5ca43cd920');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (50, 7158, 'claims', '01a22690-59eb-77dc-b396-09092982ad08', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.139964', 'demo data', '{"citations":[{"locator":"paragraph 15","quote":"a ''rogue'' Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.75,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-13"},"place":"Chaman-Spin Boldak border crossing","property":null,"retracted":null,"statement":"On 13 November 2022 an Afghan Taliban militant attacked Pakistani security personnel at the Chaman-Spin Boldak border crossing.","subject_id":null,"tags":["afghan-taliban","border"],"value":null,"verdict":"unreviewed","verdict_note":null}', '64f12d71bda76d3bf222381bb142500f6b44b8b7ea311a23cfd4c171d4e5fe06', '', '79af68cd095ff3214be66cdde8b2b56c2b35b81a2168a3b9fde152ae53c156b9');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (51, 7164, 'users', '01a22690-5adc-74a1-a268-a7a607dd6bd4', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.380681', NULL, '{"disabled":false,"display_name":"Amina Yusufzai","role":"editor","username":"editor"}', '943877444e483ae83cf2b4f1f562ece4771ce40787bca5c0d8f888e4c158519b', '', '082be7531ffd5d26ff875874804046f18e439df8a981110d32528ac3844a9fd0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (52, 7167, 'users', '01a22690-5afd-74db-bc90-85d992068bd8', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.413299', NULL, '{"disabled":false,"display_name":"Bilal Qureshi","role":"reviewer","username":"reviewer"}', '4b63e0c5ebea6d434b6c1bf022d762b3411214ab2cb7abfb1c3245249a3cccf8', '', 'b35a1ab0b613f45073804798ea1c83a2750aaac26fa4cf41862bcced99f6ec21');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (53, 7170, 'users', '01a22690-5b24-713d-bd37-b61b5beb9fde', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.452124', NULL, '{"disabled":false,"display_name":"Farah Baloch","role":"viewer","username":"viewer"}', '69f02740433a71fbb78dc9600ae3e9f4cdb5d0982693f4fc2fbe758c5496bf66', '', '48fa1bf95087fcae82f0fca81ecf628e26807f838b6edf8dab1b355212694b1c');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (54, 7173, 'users', '01a22690-5b41-744b-a44a-0fe64efa4a03', 1, 'create', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.481376', NULL, '{"disabled":false,"display_name":"Sana Tareen","role":"viewer","username":"analyst"}', '5ee00af3d5439baf0d7ec9ee5cb4ba2870fd7aea8affea31e3bc1d47000d6150', '', 'c585bea4d0f135fe2d24d1e34fd1256d46df580c5dd1256be4c9e0b6a416f113');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (55, 7175, 'users', '01a22690-5b41-744b-a44a-0fe64efa4a03', 2, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.491898', 'joins the Quetta desk', '{"disabled":false,"display_name":"Sana Tareen","role":"editor","username":"analyst"}', '9fe8baa3799e1f9c3853767014b72dffe8f3b36de7125f9347e4148c19d3dbc1', 'c585bea4d0f135fe2d24d1e34fd1256d46df580c5dd1256be4c9e0b6a416f113', '113f226b9fb973a0c60d920eb2afeabb1ddc48aadc558bec3f398e9432dc2f66');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (56, 7176, 'users', '01a22690-5b41-744b-a44a-0fe64efa4a03', 3, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.504244', 'on leave', '{"disabled":true,"display_name":"Sana Tareen","role":"editor","username":"analyst"}', '056751b2e89f5e88f7af42e5bc29d0a118ab67cc906cfa81b3fcd6478bfa2946', '113f226b9fb973a0c60d920eb2afeabb1ddc48aadc558bec3f398e9432dc2f66', '78da664d5d80a817c0b4110cd72700b829c01127550e74f56ae05b4a8fd6be5d');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (57, 7177, 'users', '01a22690-5b41-744b-a44a-0fe64efa4a03', 4, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.515719', NULL, '{"disabled":false,"display_name":"Sana Tareen","role":"editor","username":"analyst"}', '9fe8baa3799e1f9c3853767014b72dffe8f3b36de7125f9347e4148c19d3dbc1', '78da664d5d80a817c0b4110cd72700b829c01127550e74f56ae05b4a8fd6be5d', '92a2e0d3a09475a4f46f4af2888f4e6e699288e6eb0f0c0fe15b532676dafc3e');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (58, 7178, 'users', '01a22690-5b41-744b-a44a-0fe64efa4a03', 5, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.528114', NULL, '{"disabled":false,"display_name":null,"role":"editor","username":"analyst"}', '575b56ade9929437ce263bd0f67a821037db2df99289a3321cc74cbea1b58a87', '92a2e0d3a09475a4f46f4af2888f4e6e699288e6eb0f0c0fe15b532676dafc3e', 'd8c080b1b3a8a02fc4979317ce2dcd3b4ffe2593491d51090854d34ddb5f0631');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (59, 7179, 'users', '01a22690-5b24-713d-bd37-b61b5beb9fde', 2, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.5609', 'password changed', '{"disabled":false,"display_name":"Farah Baloch","role":"viewer","username":"viewer"}', '69f02740433a71fbb78dc9600ae3e9f4cdb5d0982693f4fc2fbe758c5496bf66', '48fa1bf95087fcae82f0fca81ecf628e26807f838b6edf8dab1b355212694b1c', '080cb4f2cec50b400ef6317d3e335a61a6e056b62316bde94d9648703ce602c7');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (60, 7186, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.682233', NULL, '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":["Staff reporter","Web desk"],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"C","retracted":null,"title":"Suicide attack on police truck in Quetta kills policeman, two civilians","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '6a4180e9557ce331667fad7c7744f9ca1fba1e66d9b177934cc9117a36442435', '', '57cd0e72ba924b958db7d2754fc1592ade218bd5dd99030196e05a95018f7a1b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (61, 7189, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 2, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.706667', 'a second outlet confirms the toll', '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":["Staff reporter","Web desk"],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"B","retracted":null,"title":"Suicide attack on police truck in Quetta kills policeman, two civilians","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '920d977129340b5b1898f8a7a480029bb27492674c1f34e16348b227600d0f64', '57cd0e72ba924b958db7d2754fc1592ade218bd5dd99030196e05a95018f7a1b', '4df14639b943627c5256c84205eb263d027cbd8051fa46c5c807c965b3e6987c');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (62, 7190, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 3, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.718665', NULL, '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":[],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"B","retracted":null,"title":"Quetta: suicide bomber hits police truck guarding polio team","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '97678ba5d7cda904205e592c205ff564637fca210918cb5652f568c62b23ba27', '4df14639b943627c5256c84205eb263d027cbd8051fa46c5c807c965b3e6987c', '71ff3b24489029cf201585a02b723354f9107f4aeb9e8078f9d75011061c78e4');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (63, 7191, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 4, 'retract', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:44.731039', 'The outlet corrected its casualty figures.', '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":[],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"B","retracted":{"at":"2026-11-29T09:08:44.731039Z","reason":"The outlet corrected its casualty figures."},"title":"Quetta: suicide bomber hits police truck guarding polio team","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '35861384897d3e62a03c75ab0910415399c42557fe9a3d70c36221177ffdb8f2', '71ff3b24489029cf201585a02b723354f9107f4aeb9e8078f9d75011061c78e4', 'f70ef3d777c743d9f4cb2bd1fca5b31a7c900bbe8e90e493457c2cc19d7f7087');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (64, 7193, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 5, 'restore', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:44.741571', 'The correction concerned another attack.', '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":[],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"B","retracted":null,"title":"Quetta: suicide bomber hits police truck guarding polio team","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '97678ba5d7cda904205e592c205ff564637fca210918cb5652f568c62b23ba27', 'f70ef3d777c743d9f4cb2bd1fca5b31a7c900bbe8e90e493457c2cc19d7f7087', 'e2be843a7a5aebe7cde73d1b2145ae9cb40075634bd48caf9149aef66ab9cd13');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (65, 7194, 'sources', '01a22690-5c0a-72f6-b84f-fe67e2b92374', 6, 'revert', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.754162', 'revert to revision 1', '{"archived_url":"https://archive.example.org/20221130/quetta-police-truck-attack","authors":["Staff reporter","Web desk"],"kind":"article","language":"en","published_at":"2022-11-30","publisher":"Example News","reliability":"C","retracted":null,"title":"Suicide attack on police truck in Quetta kills policeman, two civilians","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack"}', '6a4180e9557ce331667fad7c7744f9ca1fba1e66d9b177934cc9117a36442435', 'e2be843a7a5aebe7cde73d1b2145ae9cb40075634bd48caf9149aef66ab9cd13', '749b7bc551ba519b11925078d95ab0e071730a4dc6067d5ae737dd06f55996cd');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (66, 7196, 'sources', '01a22690-5c5d-757b-8b06-16a5d73169c8', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.765437', NULL, '{"archived_url":null,"authors":["نامہ نگار"],"kind":"article","language":"ur","published_at":"2022-12-01T09:30:00+05:00","publisher":"روزنامہ مثال","reliability":"D","retracted":null,"title":"کوئٹہ میں پولیس ٹرک پر خودکش حملہ: ‘اسلامی امارت’ اور “دباؤ” کی بحث","url":null}', '09edc659251209d6daf93361f1fdc4a2c9b71666a7a01bcf3cb43b7fbaea9cdb', '', '272db2496e4e55f59e08b530991903199e33727a92b0425653b2afea5f1c1519');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (67, 7200, 'sources', '01a22690-5c6c-7516-82cf-9c2f2fb45761', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.780311', NULL, '{"archived_url":null,"authors":[],"kind":"official_statement","language":"en","published_at":"2022-11-30","publisher":"Balochistan Police","reliability":"B","retracted":null,"title":"Statement by the Balochistan police on the Baleli attack","url":null}', '6f7a61917afaf49d6937f584388ddb497cefb9f1c6bcc4829b7a97631ba44f5c', '', '92564dfc95749b6a1fb895a0bf3ed174c117fe977afdf50506bd186f44a46d9d');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (68, 7202, 'sources', '01a22690-5c78-77ef-9a62-5276397484f4', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.792343', NULL, '{"archived_url":null,"authors":[],"kind":"social_post","language":"ps","published_at":null,"publisher":null,"reliability":"E","retracted":null,"title":"TTP claim of responsibility posted on a messaging channel","url":"https://t.example.org/ttp_media/1234"}', '75e3453788628b9adeebd21ee774c0f5645c305af67ab765cbf1cf74331968cd', '', 'bda8c7109be6553b1cfac94cb22fa7a8d5f64ea1acec9666b4fafbcadf36a0d8');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (69, 7206, 'sources', '01a22690-5c8a-727e-b05e-cefaea9194c2', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.810772', NULL, '{"archived_url":null,"authors":[],"kind":"report","language":null,"published_at":null,"publisher":null,"reliability":"F","retracted":null,"title":"Preliminary casualty report (withdrawn)","url":null}', '8c2e27be3c811ba35068171cc25427f240e9b4a2dc5c35c8fef60bd01917b1fc', '', 'b140d86a76319d0220a69da336387a6c3645c0ede0b2d1b171570ca9b8e9a671');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (70, 7209, 'entities', '01a22690-5c97-74a9-ac16-7173185ada5b', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.823553', NULL, '{"aliases":["Baleli attack","بلیلی حملہ"],"description":"a suicide attacker rammed a motorbike or rickshaw packed with explosives into the police truck","kind":"event","name":"Baleli police truck bombing, Quetta, 30 November 2022","retracted":null}', '95428668abc7b9dc40f726a9ef1d19672daacd2e990e86b4e558352bc928e6df', '', 'b1580169c1ded5d6e6b5daa809b9a8c7888db00782caf90be162ee925dc38aa0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (71, 7214, 'entities', '01a22690-5cb0-73f7-bd3f-324ebc01e44b', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.84849', NULL, '{"aliases":["Baleli checkpoint"],"description":"An area on the outskirts of Quetta.","kind":"place","name":"Baleli","retracted":null}', '348566b80e7e5d1ae1de935447308216f8aedb67d9b873d97b35cc42cc1a7dc5', '', 'fcc16b24d8dd1eb24c24624ade0f43967b3f942acbf4ef573f02f31d4caec530');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (72, 7222, 'entities', '01a22690-5cc6-74e4-a3a8-2b63571d615d', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.870884', NULL, '{"aliases":["handwritten TTP letter"],"description":null,"kind":"other","name":"TTP letter ending the ceasefire, November 2022","retracted":null}', '9b855d0a01735efb377ffbc720bf71e2b2ffedc97847fd79d0848bf05dfccd79', '', 'bb8c3f98ad7524b6935520196267a89cff67a0978832152047f6e3b0098a7091');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (73, 7226, 'entities', '01a22690-5cd9-76db-8bca-945eff3fe687', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.889026', NULL, '{"aliases":["Abu Mansoor Asim"],"description":"Leader (ameer) of the TTP.","kind":"person","name":"Noor Wali Mehsud","retracted":null}', '2067e790c3626df08e964b52894200097e5e5f6c692e1ba5efb6c8e863eefe51', '', 'f9f600521277ccee15d3118583dd3da4e9922337e957dbd5f464efcc3f922cca');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (74, 7230, 'entities', '01a22690-5ce7-731e-a7f2-bc056a482678', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.903649', NULL, '{"aliases":[],"description":null,"kind":"event","name":"TTP–Pakistan talks in Kabul, 2022","retracted":null}', '197eb238b215c1b0fa3606ff8c599d112b43057d4fb5da4320f8223b1329199a', '', '08a6b96b161afc638ed0bf0dfd3e419ee3e2d58738308e57b939e5538ff59441');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (75, 7232, 'entities', '01a22690-5cb0-73f7-bd3f-324ebc01e44b', 2, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:44.924394', 'the spelling the police use', '{"aliases":["Baleli checkpoint","Baleli, Quetta"],"description":"Where the Quetta–Sibi road leaves the city.","kind":"place","name":"Baleli","retracted":null}', '05b613c167ee1b3b96b2ded7c9d32399bbac1a9a9ce31ae201beaa467d45682a', 'fcc16b24d8dd1eb24c24624ade0f43967b3f942acbf4ef573f02f31d4caec530', '995b35203df9ccc8c3185530bab63587ada2d6bfeddc3976351267636c4a5872');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (76, 7233, 'entities', '01a22690-5cb0-73f7-bd3f-324ebc01e44b', 3, 'retract', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:44.93556', 'Duplicate of a gazetteer entry.', '{"aliases":["Baleli checkpoint","Baleli, Quetta"],"description":"Where the Quetta–Sibi road leaves the city.","kind":"place","name":"Baleli","retracted":{"at":"2026-11-29T09:08:44.935560Z","reason":"Duplicate of a gazetteer entry."}}', '5c5ce2b7ae4f4c3010865a85649ad38e287de5369a0b5aa44c2eb98f105f7cb1', '995b35203df9ccc8c3185530bab63587ada2d6bfeddc3976351267636c4a5872', '3cf0a83b60c352442f8bedce26809660c9dd6caf2b27b1bc1f6995e5633040c1');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (80, 7239, 'properties', 'polio_team.protected', 2, 'update', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:44.999434', 'one answer per event', '{"description":"Whether the target was protecting a polio vaccination team.","key":"polio_team.protected","label":"Protecting a polio team","single_valued":true,"unit":null,"value_type":"boolean"}', 'f4379e969ec4e8a01c7e93604b3a128bf05a905426f8d77dec031b30d88931e7', 'bf74d7202029d7331faef49f3b58cca4fe48ac2a1d5e1f259b1261962cae7d62', 'f932927e23ea8e3180a8611836b4bbcaaf87b99818612a11fdd749f6aaa5c56b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (81, 7240, 'claims', '01a22690-5d51-70a6-a75a-1315ac3817a6', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.009588', NULL, '{"citations":[{"locator":"paragraph 1","quote":null,"source_id":"01a22690-5c6c-7516-82cf-9c2f2fb45761","url":null}],"claimant":null,"claimed_at":null,"confidence":0.6,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":null,"property":"fatalities.police","retracted":null,"statement":"One police officer was killed in the attack on the constabulary truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"lower":1,"type":"quantity","unit":"people","upper":1},"verdict":"unreviewed","verdict_note":null}', '5aa962a078687bbd224a9f4e605d8c342c5e681088340972e124d07fbec5c408', '', 'be27bef6cd1e02cd1c87809ae581ebb282c8213aa709f2960052082073211a34');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (82, 7244, 'claims', '01a22690-5d6c-77e5-aabe-1fa353d5d30b', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.036901', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.3,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":null,"property":"fatalities.police","retracted":null,"statement":"Three policemen were killed when the bomber struck the truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"lower":3,"type":"quantity","unit":"people","upper":3},"verdict":"unreviewed","verdict_note":null}', '34dff39ca6468b3392d908788a4cad7c6d1ed7964517c8f67ee30ea18239fce4', '', '13e53a6aa239de81ceebf27fca14b6221eaa77a0a4ea3f3374a2e056f61dacaf');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (83, 7244, 'contradictions', '01a22690-5d80-7046-bad9-c267a380ea72', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.056542', NULL, '{"claim_ids":["01a22690-5d51-70a6-a75a-1315ac3817a6","01a22690-5d6c-77e5-aabe-1fa353d5d30b"],"note":"Detected: their quantity intervals do not overlap.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '9988e14c150cf5f3849dc88e4df7b93ac94065b5bd0dc5f50f65309362b00fd6', '', '7af0250e4f63049be4a1e1fe46002b55402a560f055fc3224230e882fded3c95');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (84, 7248, 'claims', '01a22690-5d6c-77e5-aabe-1fa353d5d30b', 2, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.073049', 'the count is uncertain', '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.3,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":null,"property":"fatalities.police","retracted":null,"statement":"Three policemen were killed when the bomber struck the truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"lower":1,"type":"quantity","unit":"people","upper":3},"verdict":"unreviewed","verdict_note":null}', '88befcae593fb34ce09d7e47a6e2aa328596572761dbefe768c6a237b9037ca6', '13e53a6aa239de81ceebf27fca14b6221eaa77a0a4ea3f3374a2e056f61dacaf', '47dc0cee6a2c9410c23989f011f8cec1c54973d2051cda144ffeba9ba580d81a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (85, 7248, 'contradictions', '01a22690-5d80-7046-bad9-c267a380ea72', 2, 'status', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.075758', 'the count is uncertain', '{"claim_ids":["01a22690-5d51-70a6-a75a-1315ac3817a6","01a22690-5d6c-77e5-aabe-1fa353d5d30b"],"note":"Detected: their quantity intervals do not overlap.","origin":"detected","preferred_claim_id":null,"resolution_note":"Automatically resolved: an edit removed the conflict.","status":"resolved"}', '01c85d6fa562229c225e0242b9ddea3b32987c8b1decd69db0c0bde16000c7c0', '7af0250e4f63049be4a1e1fe46002b55402a560f055fc3224230e882fded3c95', 'cdfb506867726030adb069713c8b189fd39c6dae5061456eb0f8ab2397bb1bf0');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (86, 7249, 'claims', '01a22690-5d6c-77e5-aabe-1fa353d5d30b', 3, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.094193', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.3,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":null,"property":"fatalities.police","retracted":null,"statement":"Three policemen were killed when the bomber struck the truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"lower":3,"type":"quantity","unit":"people","upper":4},"verdict":"unreviewed","verdict_note":null}', 'ad3f987658960762a3cbd7349cc47e16f027392d1174f721eb994dd2135561b0', '47dc0cee6a2c9410c23989f011f8cec1c54973d2051cda144ffeba9ba580d81a', '8927d462da82f9d021beaacce8fa02edf2d0869bf1e1731f94e20e5d83e7461b');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (87, 7249, 'contradictions', '01a22690-5d80-7046-bad9-c267a380ea72', 3, 'status', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.09773', 'status: open', '{"claim_ids":["01a22690-5d51-70a6-a75a-1315ac3817a6","01a22690-5d6c-77e5-aabe-1fa353d5d30b"],"note":"Detected: their quantity intervals do not overlap.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '9988e14c150cf5f3849dc88e4df7b93ac94065b5bd0dc5f50f65309362b00fd6', 'cdfb506867726030adb069713c8b189fd39c6dae5061456eb0f8ab2397bb1bf0', 'd5fa1c87158472de2a984c71873d848e19a7bd9b75382b61a6a1dfa811410e5f');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (88, 7250, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.10746', NULL, '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.7,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '429cac9c43d1f3c649c96875ae796a8e51d51e5d68e93a3b579a019ee7f2d5c4', '', '1036ca445f7fc25618a775ae3a74594283e040d492ff299fcd36183c9b5b3c33');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (102, 7274, 'contradictions', '01a22690-5e71-71a9-820e-3ac9db0c3d83', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.297931', NULL, '{"claim_ids":["01a22690-5e62-70a2-9855-d1a3a46c0dfc","01a22690-5e6e-7407-9281-526e7ae7d2d1"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', 'd5ae38ca2dff85fe44d3a8b941711e2d709f8f0ad31528b6053730378a51c43c', '', '3828574f0a7f1405d2d2224ffe6fbe52e99dde9609c83d86ad185d4b5d0888fa');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (89, 7252, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 2, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.122605', 'a second outlet gives the same figure', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.8,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","injuries","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '4b753858271ae1f1fc63239087afae2b5bbb033c225669e1ba0ffec21df3bfb5', '1036ca445f7fc25618a775ae3a74594283e040d492ff299fcd36183c9b5b3c33', '94994e7ee48b612d7a0042a25ccc54664f211110afc6b6f39eaf3c6c87a564ee');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (90, 7255, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 3, 'verdict', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.13856', 'Matches the police statement and two outlets.', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.8,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","injuries","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"verified","verdict_note":"Matches the police statement and two outlets."}', '50b788de032b90f529adbb27d3e9deb3fd3419d8278595cdc3a6444ed3973e6d', '94994e7ee48b612d7a0042a25ccc54664f211110afc6b6f39eaf3c6c87a564ee', '92ad278e8601765cbd76b58b7c57d06b95a1925a37623eb3326a497f245d45f7');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (91, 7256, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 4, 'retract', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.154382', 'Figures under review after the hospital''s count.', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.8,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":{"at":"2026-11-29T09:08:45.154382Z","reason":"Figures under review after the hospital''s count."},"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","injuries","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"verified","verdict_note":"Matches the police statement and two outlets."}', '9f0b3dfaa723a96e0c2544a7f0daa1d3e809f4fecdd91b318d91da14f14a5d6a', '92ad278e8601765cbd76b58b7c57d06b95a1925a37623eb3326a497f245d45f7', '62bf15bf8ce52c55a7729a5fe1560a692f4afc4d9638fb36797d746d562bab92');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (92, 7258, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 5, 'restore', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.177461', 'The hospital confirmed the figure.', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.8,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","injuries","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"verified","verdict_note":"Matches the police statement and two outlets."}', '50b788de032b90f529adbb27d3e9deb3fd3419d8278595cdc3a6444ed3973e6d', '62bf15bf8ce52c55a7729a5fe1560a692f4afc4d9638fb36797d746d562bab92', '26d7dd602aec66f0bacf1464d21a248b5a4bff0ccc0fb67ddece702a1c79b7de');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (101, 7274, 'claims', '01a22690-5e6e-7407-9281-526e7ae7d2d1', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.294662', NULL, '{"citations":[{"locator":"paragraph 5","quote":"a handwritten letter signed by Mufti Muzahim","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":null,"text":"a copy of the letter shared online"},"claimed_at":null,"confidence":0.2,"credibility":null,"occurred_at":{"precision":"month","value":"2022-11"},"place":null,"property":"signatory","retracted":null,"statement":"The letter ending the ceasefire was signed by Noor.","subject_id":"01a22690-5cc6-74e4-a3a8-2b63571d615d","tags":[],"value":{"entity_id":"01a22690-5cd9-76db-8bca-945eff3fe687","type":"entity"},"verdict":"unreviewed","verdict_note":null}', 'b1a433c379c777bcf261e77ed8434a7189abcbfbb9c6eda311aaebb599e7b877', '', '6c707d420575f899f11c57afb3858f1396c48471669ae855c2f54ae8dc8fe5b3');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (93, 7259, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 6, 'revert', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.197458', 'revert to revision 1', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.7,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta, Balochistan, Pakistan","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '429cac9c43d1f3c649c96875ae796a8e51d51e5d68e93a3b579a019ee7f2d5c4', '26d7dd602aec66f0bacf1464d21a248b5a4bff0ccc0fb67ddece702a1c79b7de', '6c66ae202b8a4ca5df6bcce7b758559de7badcb19362837fb207ba7820a421af');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (94, 7262, 'claims', '01a22690-5db3-71d8-bcbd-3478ac3da3f2', 7, 'update', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.211839', 'shorter place name', '{"citations":[{"locator":"paragraph 2","quote":"At least 20 other police personnel are also reportedly injured.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":"paragraph 4","quote":"Twenty policemen were injured, three of them critically.","source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":"https://news.example.org/2022/11/30/quetta-police-truck-attack#injured"},{"locator":"پیراگراف 3","quote":"کم از کم 20 پولیس اہلکار زخمی ہوئے","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":{"entity_id":"01a22690-59a2-7600-ab62-599b80feee23","text":"DIG Police Azfar Mahesar, speaking to reporters"},"claimed_at":"2022-11-30T11:05:00Z","confidence":0.7,"credibility":3,"occurred_at":{"precision":"minute","value":"2022-11-30T08:15:00+05:00"},"place":"Baleli, Quetta","property":"injured","retracted":null,"statement":"At least 20 other police personnel were reportedly injured in the attack.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":["casualties","quetta-2022-11-30","ttp"],"value":{"lower":20,"type":"quantity","unit":"people","upper":null},"verdict":"unreviewed","verdict_note":null}', '465e2f2b15b838be241632920b6ed236c6df727739374062e97c62ea49aaec38', '6c66ae202b8a4ca5df6bcce7b758559de7badcb19362837fb207ba7820a421af', '1e89ed165728db4e0ff673dab1d16c909e01b63f1c7f4206092a41882fd7d2c2');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (95, 7263, 'claims', '01a22690-5e27-7247-b5e7-deac58272caf', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.223577', NULL, '{"citations":[{"locator":"paragraph 4","quote":"the effectiveness of this ceasefire has been questioned throughout 2022","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.9,"credibility":2,"occurred_at":{"precision":"year","value":"2022"},"place":null,"property":null,"retracted":null,"statement":"The effectiveness of the TTP–Pakistan ceasefire was questioned throughout 2022.","subject_id":null,"tags":["ceasefire"],"value":null,"verdict":"unreviewed","verdict_note":null}', '0823b82ff376f2710c141a440f2dfafda6b98f702f04f0e2fdb4a51bfc16d896', '', 'cf174111a7aaef8dcaacc914099abd939c5cae4ccd9f0567dab1b7451819abbb');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (96, 7265, 'claims', '01a22690-5e3a-706b-8eba-1da667c89a5e', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.242712', NULL, '{"citations":[{"locator":null,"quote":"In April 2021, the TTP claimed responsibility for a suicide bombing attack on Serena Hotel in Quetta''s heavily guarded red zone.","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":"01a22690-598c-7750-8456-5ae5d31d7f42","text":null},"claimed_at":null,"confidence":0.85,"credibility":null,"occurred_at":{"precision":"month","value":"2021-04"},"place":"Quetta","property":null,"retracted":null,"statement":"In April 2021 the TTP claimed responsibility for a suicide bombing on the Serena Hotel in Quetta.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', '5e7186b6ed2d072d33f5bf8e352b8ec46a982d9144c839250b6356549ce178bd', '', '9ddad700f0c6a724fd166a4ff2ae91521cb671ce2b7183fed145beefe90b4857');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (97, 7267, 'claims', '01a22690-5e48-773e-8fc9-a6c9079835b7', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.256968', NULL, '{"citations":[{"locator":null,"quote":"a suicide attacker rammed a motorbike or rickshaw","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":null,"occurred_at":null,"place":null,"property":"vehicle","retracted":null,"statement":"The suicide attacker rammed a motorbike packed with explosives into the truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"text":"motorbike","type":"text"},"verdict":"unreviewed","verdict_note":null}', '8532a83df75b0ae508cb076ed302d00b7d7e5c63d60aac24955d144bc500be86', '', 'f5809916c13cc83caf2b31eadf172578c3e0e5a916f96b7caca19d35ab7eeff6');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (98, 7269, 'claims', '01a22690-5e54-72ef-b39d-217a6c737ee5', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.268843', NULL, '{"citations":[{"locator":null,"quote":"a suicide attacker rammed a motorbike or rickshaw","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":null,"occurred_at":null,"place":null,"property":"vehicle","retracted":null,"statement":"The suicide attacker rammed a rickshaw packed with explosives into the truck.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"text":"rickshaw","type":"text"},"verdict":"unreviewed","verdict_note":null}', 'eb69ae0660aba87b28f80e2501d8525b7ec8587d2b43336c7e8865da25864ce2', '', 'd4711fc7a739da09216f5ec605c63a961724e2346b95c1c31ed424760e7ef63f');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (99, 7269, 'contradictions', '01a22690-5e58-72a1-bce4-76a9dde91fd5', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.272105', NULL, '{"claim_ids":["01a22690-5e48-773e-8fc9-a6c9079835b7","01a22690-5e54-72ef-b39d-217a6c737ee5"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', 'f1c4b47d628568294af192128f778249d173f377f2d2d00702c828cf8e486161', '', 'd391fa6d8cd7db140f3f895b4b7027855f638a07de9cca43c0e725058ee62616');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (100, 7272, 'claims', '01a22690-5e62-70a2-9855-d1a3a46c0dfc', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.282334', NULL, '{"citations":[{"locator":"paragraph 5","quote":"a handwritten letter signed by Mufti Muzahim","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":{"entity_id":null,"text":"a copy of the letter shared online"},"claimed_at":null,"confidence":0.8,"credibility":null,"occurred_at":{"precision":"month","value":"2022-11"},"place":null,"property":"signatory","retracted":null,"statement":"The letter ending the ceasefire was signed by Muzahim.","subject_id":"01a22690-5cc6-74e4-a3a8-2b63571d615d","tags":[],"value":{"entity_id":"01a22690-599f-72ce-946a-8d4cd513506b","type":"entity"},"verdict":"unreviewed","verdict_note":null}', 'd336208db2ea6defe382f3fbb191b21d623fa1893630b342fca5e353c7c73647', '', '3a9ddf93bb47ca2901493e55841fca9664c9c5f5b8895583c52af46f48be2458');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (103, 7277, 'claims', '01a22690-5e7b-71a6-987c-5c07270641ff', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.307791', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null}],"claimant":null,"claimed_at":null,"confidence":0.9,"credibility":null,"occurred_at":null,"place":null,"property":"polio_team.protected","retracted":null,"statement":"The police units were protecting a polio vaccination team.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"type":"boolean","value":true},"verdict":"unreviewed","verdict_note":null}', 'dd94cf5bc722145fde7151fddb5f1474868dbf5797766b7b3f2a57ed59135e3e', '', '452ed28689cf37391979068e448656122613e69d84a3ab2a051765d7e5705815');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (104, 7279, 'claims', '01a22690-5e88-72ef-b731-3db1fc8c21a6', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.320135', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.1,"credibility":null,"occurred_at":null,"place":null,"property":"polio_team.protected","retracted":null,"statement":"The police units were on a counterterrorism operation, not guarding a polio team.","subject_id":"01a22690-5c97-74a9-ac16-7173185ada5b","tags":[],"value":{"type":"boolean","value":false},"verdict":"unreviewed","verdict_note":null}', 'afccadba22c28be15f038783b971f6da857d7acde53c7951a0accc7afaf8b23d', '', 'e3b8807b61dbef676a20f87615940c99e594071cb69f7c30608faf9aa1a89811');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (105, 7279, 'contradictions', '01a22690-5e8b-7458-85fb-3c8e1262a5d2', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.323266', NULL, '{"claim_ids":["01a22690-5e7b-71a6-987c-5c07270641ff","01a22690-5e88-72ef-b731-3db1fc8c21a6"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', 'fe426d02ba5e961767250ae0f6ed118e934ff038edcb49cc2574acb9874a04ea', '', '22f60043438e7fa4c1c60abd079c55d65b3d2d379ed28535f08def9703df72f9');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (106, 7282, 'claims', '01a22690-5e94-7491-88c2-6ae1ccfb28cb', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.33296', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":null,"occurred_at":null,"place":null,"property":"start_date","retracted":null,"statement":"The talks in Kabul began on 2022-05.","subject_id":"01a22690-5ce7-731e-a7f2-bc056a482678","tags":[],"value":{"precision":"month","type":"time","value":"2022-05"},"verdict":"unreviewed","verdict_note":null}', 'd8d179cd9efd0844b9bff90597385d55756e6e00ba56e3f83d7c3c0e9ca6da95', '', '3958b0211d1c68e508aa149bbca5a56dcd02bbbe72d4a0dc5b991960a44d41cb');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (107, 7284, 'claims', '01a22690-5ea0-76cd-818d-6eb23c00a127', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.344948', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":null,"occurred_at":null,"place":null,"property":"start_date","retracted":null,"statement":"The talks in Kabul began on 2022-06-02.","subject_id":"01a22690-5ce7-731e-a7f2-bc056a482678","tags":[],"value":{"precision":"day","type":"time","value":"2022-06-02"},"verdict":"unreviewed","verdict_note":null}', '8510e15146a4a89a5df49439dd3abda6c51d9ca9eaf07b4d0758f4f0eb485242', '', '5c8e6a972e68ed3f8b8ea58db6f67f43638735d005f79723d4497f6f92a272b4');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (108, 7284, 'contradictions', '01a22690-5ea4-70ed-8d1d-edb8b1d0900f', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.348366', NULL, '{"claim_ids":["01a22690-5e94-7491-88c2-6ae1ccfb28cb","01a22690-5ea0-76cd-818d-6eb23c00a127"],"note":"Detected: their times do not overlap.","origin":"detected","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '1c5e3422ee0cc91e02018e48ad3baa832622e2705645afdf5be8c44ee881436b', '', '18e5d18fffd7fd2766b088b5215629127ef5765db7cd52455bf00a21e8a3ecae');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (109, 7287, 'claims', '01a22690-5ea0-76cd-818d-6eb23c00a127', 2, 'retract', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.359543', 'The date was of a preparatory meeting.', '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":null,"claimed_at":null,"confidence":0.5,"credibility":null,"occurred_at":null,"place":null,"property":"start_date","retracted":{"at":"2026-11-29T09:08:45.359543Z","reason":"The date was of a preparatory meeting."},"statement":"The talks in Kabul began on 2022-06-02.","subject_id":"01a22690-5ce7-731e-a7f2-bc056a482678","tags":[],"value":{"precision":"day","type":"time","value":"2022-06-02"},"verdict":"unreviewed","verdict_note":null}', '6654e5aa06276e2eafcd37dd9d6645068e2c6fee8433076fded0b610ebc4bdac', '5c8e6a972e68ed3f8b8ea58db6f67f43638735d005f79723d4497f6f92a272b4', 'cc36bdc234671018f69bb61be4f5e6f5db499afc529194e6f5de10309a804a65');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (110, 7287, 'contradictions', '01a22690-5ea4-70ed-8d1d-edb8b1d0900f', 2, 'status', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.365466', 'The date was of a preparatory meeting.', '{"claim_ids":["01a22690-5e94-7491-88c2-6ae1ccfb28cb","01a22690-5ea0-76cd-818d-6eb23c00a127"],"note":"Detected: their times do not overlap.","origin":"detected","preferred_claim_id":null,"resolution_note":"Automatically resolved: one of the claims was retracted.","status":"resolved"}', '5409556959f5af6de4543ad6262a9b2fe07edddc49aac32ed778602973c1b4a9', '18e5d18fffd7fd2766b088b5215629127ef5765db7cd52455bf00a21e8a3ecae', '040bbd306ec8482ad76f741e0d2b3db24cdf92683d895f102c296831d628b66f');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (111, 7288, 'claims', '01a22690-5ec4-774a-806a-4825ca7e07e7', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.380728', NULL, '{"citations":[{"locator":"table 1","quote":null,"source_id":"01a22690-5c8a-727e-b05e-cefaea9194c2","url":null}],"claimant":null,"claimed_at":null,"confidence":0.2,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"Three civilians were killed in the blast.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', 'b2e771d79295741bedbec0d74c57053ab5e57eab17f9ab9899707e15abe29350', '', 'bd298bed982f6a0a9acfb7859275573ad152ab0fd570ecfea6c93155ecba742e');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (112, 7290, 'sources', '01a22690-5c8a-727e-b05e-cefaea9194c2', 2, 'retract', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.394935', 'The agency withdrew the preliminary report.', '{"archived_url":null,"authors":[],"kind":"report","language":null,"published_at":null,"publisher":null,"reliability":"F","retracted":{"at":"2026-11-29T09:08:45.394935Z","reason":"The agency withdrew the preliminary report."},"title":"Preliminary casualty report (withdrawn)","url":null}', 'cd0b8d8f6647f8f9fed615b485f7be9fd6e275f2a37d32f1d417828dfb970ea1', 'b140d86a76319d0220a69da336387a6c3645c0ede0b2d1b171570ca9b8e9a671', '63e52c1842988bdf2877cee7771227729fa90967f50923ca1456356b29c46076');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (124, 7314, 'contradictions', '01a22690-5fb2-7775-a971-09b4e39e9a94', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.618449', NULL, '{"claim_ids":["01a22690-5e7b-71a6-987c-5c07270641ff","01a22690-5f07-7168-bb69-9be444280bad"],"note":"Protecting a polio team, or on an operation?","origin":"manual","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '32eac822e5afc4109e0c77fd6ad22d3c4f9bc5661505cb099e148da4408abd39', '', '1f5c65d997309844b65bd91f23830d23d9bb71b5e427a66d8a4badb974de0139');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (113, 7291, 'claims', '01a22690-5edf-7236-af85-f171150a196d', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.407698', NULL, '{"citations":[{"locator":null,"quote":"This comes barely two days after the TTP ended their tenuous ceasefire","source_id":"01a22690-5983-75ab-890d-73ee9cafc215","url":null},{"locator":null,"quote":"جنگ بندی کے خاتمے کے دو دن بعد","source_id":"01a22690-5c5d-757b-8b06-16a5d73169c8","url":null}],"claimant":null,"claimed_at":null,"confidence":0.75,"credibility":null,"occurred_at":{"precision":"day","value":"2022-11-30"},"place":null,"property":null,"retracted":null,"statement":"The attack came barely two days after the TTP ended its ceasefire.","subject_id":null,"tags":["ceasefire"],"value":null,"verdict":"unreviewed","verdict_note":null}', '1d74588af764d173759306aa8779fdb7824b7587cbcfb71c23b72d796e63e9a0', '', '5d38cbbedc36a0778b8c2bae4dc08363a7ac8d356a40c4c8fa4bbc9361ce0aa3');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (114, 7293, 'claims', '01a22690-5ef9-7164-838e-921f4cb99399', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.433181', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.25,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"The TTP ended its ceasefire a week before the attack.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', '08d6469754df3034e40664053bf555625b98f733684f06256fbd520b873f02ff', '', '05b4262739e731e81fdae1149dd92868915544b819fff3946eb07cbfb3b56045');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (115, 7296, 'claims', '01a22690-5f07-7168-bb69-9be444280bad', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.447481', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c78-77ef-9a62-5276397484f4","url":null}],"claimant":null,"claimed_at":null,"confidence":0.2,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"The police units were undertaking a counterterrorism operation.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', '91cc343819d9fc753b9e26dbb2b421a54a1c76e461d6934ef7fdada134e7d9a4', '', 'd2b515e401699b3c5d6cf2e61a923cb131ea4fc24daf666d3b86c886cc1b32ca');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (116, 7298, 'claims', '01a22690-5f15-758c-a1e6-b7ae173bfd5d', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.461436', NULL, '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":null}],"claimant":null,"claimed_at":null,"confidence":0.1,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":null,"statement":"A second blast followed the first within minutes.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', 'aaf955900b7e61bf548583e52c15826b5d3131d7f941138e3b33b6f8e6e2011e', '', 'd00a7504503efe7ef6c1046845f939591c2a070a5514cb9d6761771f4aadd86c');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (117, 7301, 'claims', '01a22690-5f15-758c-a1e6-b7ae173bfd5d', 2, 'retract', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.480183', 'No other source reports a second blast.', '{"citations":[{"locator":null,"quote":null,"source_id":"01a22690-5c0a-72f6-b84f-fe67e2b92374","url":null}],"claimant":null,"claimed_at":null,"confidence":0.1,"credibility":null,"occurred_at":null,"place":null,"property":null,"retracted":{"at":"2026-11-29T09:08:45.480183Z","reason":"No other source reports a second blast."},"statement":"A second blast followed the first within minutes.","subject_id":null,"tags":[],"value":null,"verdict":"unreviewed","verdict_note":null}', '153744f5b0d5c9f326b0c3e2cf563d1e4aa5a2170c025ea5fcd14d377ba470c9', 'd00a7504503efe7ef6c1046845f939591c2a070a5514cb9d6761771f4aadd86c', '5477c0409261d233cd06bc256ffea8bb07f8a78c6853d8f3b7ff14f7503ecae4');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (118, 7304, 'contradictions', '01a22690-5e58-72a1-bce4-76a9dde91fd5', 2, 'status', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.500463', 'status: dismissed', '{"claim_ids":["01a22690-5e48-773e-8fc9-a6c9079835b7","01a22690-5e54-72ef-b39d-217a6c737ee5"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":null,"resolution_note":"The article itself says “a motorbike or rickshaw”: the sources do not disagree.","status":"dismissed"}', 'eeed6df8ee4053c17a8bca2d46c081c5a4b1ab0837b9f0aa86ee519eb81c3170', 'd391fa6d8cd7db140f3f895b4b7027855f638a07de9cca43c0e725058ee62616', 'e65969be72c30edaa8bd5a03d9c712235d9d3ad561776b2af3b41803c2ba050a');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (119, 7305, 'contradictions', '01a22690-5e71-71a9-820e-3ac9db0c3d83', 2, 'status', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.513192', 'read the letter', '{"claim_ids":["01a22690-5e62-70a2-9855-d1a3a46c0dfc","01a22690-5e6e-7407-9281-526e7ae7d2d1"],"note":"Detected: a single-valued property has two different values.","origin":"detected","preferred_claim_id":"01a22690-5e62-70a2-9855-d1a3a46c0dfc","resolution_note":"The letter bears Muzahim''s signature.","status":"confirmed"}', 'fe82d5f69e58393ea8b109df86ea2bb245dd06290d0993194993e7db2cfb868d', '3828574f0a7f1405d2d2224ffe6fbe52e99dde9609c83d86ad185d4b5d0888fa', '5cb98bc3023cde8b1e691a09a473a7c8e0a4e924c9cd29ac076e1ee10ea15fe1');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (120, 7306, 'contradictions', '01a22690-5f5b-76a1-a0ae-8d4fbdc02996', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.531088', NULL, '{"claim_ids":["01a22690-5edf-7236-af85-f171150a196d","01a22690-5ef9-7164-838e-921f4cb99399"],"note":"Two days or a week?","origin":"manual","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '92b2a70b46fab3102a2606ca97cc7982fceb937063766b525d5dbd4e3b97d988', '', '3065ba5154385b31d2a5e445d156626a98128797d123b3b2c72644302d8af2a7');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (121, 7309, 'contradictions', '01a22690-5f5b-76a1-a0ae-8d4fbdc02996', 2, 'status', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.589764', 'checked the date', '{"claim_ids":["01a22690-5edf-7236-af85-f171150a196d","01a22690-5ef9-7164-838e-921f4cb99399"],"note":"Two days or a week?","origin":"manual","preferred_claim_id":"01a22690-5edf-7236-af85-f171150a196d","resolution_note":"The announcement was made on 28 November.","status":"confirmed"}', 'b70cb5d52a0ebd742eb855ce0447126def052acc252c2ec92dd0dd4c296ef306', '3065ba5154385b31d2a5e445d156626a98128797d123b3b2c72644302d8af2a7', '975928a9ffcf878e5c719892ee06ae7690352c27520aa663d64ea42d0f01c557');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (122, 7311, 'contradictions', '01a22690-5f9f-76f0-81c3-00f5862180f7', 1, 'create', '01a22690-5adc-74a1-a268-a7a607dd6bd4', '2026-11-29 09:08:45.599866', NULL, '{"claim_ids":["01a22690-5e27-7247-b5e7-deac58272caf","01a22690-5ef9-7164-838e-921f4cb99399"],"note":"Unclear whether these conflict.","origin":"manual","preferred_claim_id":null,"resolution_note":null,"status":"open"}', 'e5afeba946a04ec266f1ce422c17bbf5e8a79a496d06d33b0ba4a4685648af38', '', '5107855aab897491a31bd3ce168c1c994d197b7615faf39ebbaac90d08d7f578');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (123, 7313, 'contradictions', '01a22690-5f9f-76f0-81c3-00f5862180f7', 2, 'status', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.609076', 'status: dismissed', '{"claim_ids":["01a22690-5e27-7247-b5e7-deac58272caf","01a22690-5ef9-7164-838e-921f4cb99399"],"note":"Unclear whether these conflict.","origin":"manual","preferred_claim_id":null,"resolution_note":"They are about different things.","status":"dismissed"}', '9f225ce12032648c917bc89bbe9cff26b74d8d8867de82bf318aa6220488e1d9', '5107855aab897491a31bd3ce168c1c994d197b7615faf39ebbaac90d08d7f578', '67e91e24f98b851e310a3a73cbc6eaf2ea5d8a2225ccf498b6d4e0ee542f84f4');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (125, 7318, 'contradictions', '01a22690-5fb2-7775-a971-09b4e39e9a94', 2, 'status', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.627554', 'status: confirmed', '{"claim_ids":["01a22690-5e7b-71a6-987c-5c07270641ff","01a22690-5f07-7168-bb69-9be444280bad"],"note":"Protecting a polio team, or on an operation?","origin":"manual","preferred_claim_id":"01a22690-5e7b-71a6-987c-5c07270641ff","resolution_note":"DIG Mahesar says they were guarding the team.","status":"confirmed"}', 'cd7985c53c7b9de309f3b4c3744a50de81893ddd65b67e891294d7eb5e58f22d', '1f5c65d997309844b65bd91f23830d23d9bb71b5e427a66d8a4badb974de0139', 'cddf83b0328ca5291a91e611477eef9c3e91934330b4f6aaed9aec4476b430be');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (126, 7319, 'contradictions', '01a22690-5fb2-7775-a971-09b4e39e9a94', 3, 'revert', '01a22690-5afd-74db-bc90-85d992068bd8', '2026-11-29 09:08:45.637509', 'reopened: the police statement is ambiguous', '{"claim_ids":["01a22690-5e7b-71a6-987c-5c07270641ff","01a22690-5f07-7168-bb69-9be444280bad"],"note":"Protecting a polio team, or on an operation?","origin":"manual","preferred_claim_id":null,"resolution_note":null,"status":"open"}', '32eac822e5afc4109e0c77fd6ad22d3c4f9bc5661505cb099e148da4408abd39', 'cddf83b0328ca5291a91e611477eef9c3e91934330b4f6aaed9aec4476b430be', '6c0df0d241b2a1344f8ca309d06ea1204bbbd667208309ead2144cae8d2dd27e');
INSERT INTO "public"."revisions" ("seq", "txid", "record_kind", "record_id", "revision", "action", "author_id", "created_at", "edit_summary", "snapshot", "snapshot_hash", "prev_hash", "hash") VALUES (127, 7320, 'properties', 'polio_team.protected', 3, 'revert', '01a22690-5760-7546-9b00-4264115a3ff3', '2026-11-29 09:08:45.647493', 'revert to revision 1', '{"description":"Whether the target was protecting a polio vaccination team.","key":"polio_team.protected","label":"Polio team protected","single_valued":false,"unit":null,"value_type":"boolean"}', 'd025395ec90d6cd700cd141f551adc51e4cd303cff7afb914fe59aa1cf63b764', 'f932927e23ea8e3180a8611836b4bbcaaf87b99818612a11fdd749f6aaa5c56b', '7c3d0461025585b3243694234cdecdbd3620e8dc7c7ce05951a32eb02c6df0c3');


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5ac3-712d-8e95-dea16de94a89', '01a22690-5760-7546-9b00-4264115a3ff3', 'login', NULL, 'admin', '2026-11-29 09:08:44.355938', '2026-12-29 09:08:44.355938', NULL, NULL);
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5bb0-735a-8f10-bb5da9f54b7d', '01a22690-5adc-74a1-a268-a7a607dd6bd4', 'login', NULL, 'editor', '2026-11-29 09:08:44.592445', '2026-12-29 09:08:44.592445', NULL, NULL);
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5bca-76de-9af8-79bb8a11073a', '01a22690-5afd-74db-bc90-85d992068bd8', 'login', NULL, 'reviewer', '2026-11-29 09:08:44.618955', '2026-12-29 09:08:44.618955', NULL, NULL);
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5bd5-75bc-a6c9-25b286cb7144', '01a22690-5adc-74a1-a268-a7a607dd6bd4', 'api', 'newsroom importer', 'editor', '2026-11-29 09:08:44.62977', '2036-11-26 09:08:44.629619', NULL, NULL);
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5bdf-7508-b987-5960b96c05ba', '01a22690-5760-7546-9b00-4264115a3ff3', 'api', 'nightly integrity check', 'viewer', '2026-11-29 09:08:44.639554', '2036-11-26 09:08:44.639222', NULL, NULL);
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5beb-72c6-9510-7f664888bdda', '01a22690-5760-7546-9b00-4264115a3ff3', 'api', 'retired dashboard', 'admin', '2026-11-29 09:08:44.65155', '2026-12-29 09:08:44.651232', '2026-11-29 09:08:44.661851', 'revoked by admin');
INSERT INTO "public"."sessions" ("id", "user_id", "kind", "name", "role", "created_at", "expires_at", "revoked_at", "revoked_reason") VALUES ('01a22690-5fe8-7310-9029-3d45a56df538', '01a22690-5760-7546-9b00-4264115a3ff3', 'login', NULL, 'admin', '2026-11-29 09:08:45.672208', '2026-12-29 09:08:45.672208', NULL, NULL);


--
-- Data for Name: sources; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5983-75ab-890d-73ee9cafc215', 'article', 'Afghan Taliban, TTP And Pakistan: The Undeniable Nexus', NULL, NULL, '["Shemrez"]', NULL, 'en', 'C', NULL, 'afghan taliban, ttp and pakistan: the undeniable nexus', NULL, NULL, NULL, 1, '70baaf7c6ddd009bce789fbfc700cb148d5962646d56f3d560173de3c98883ad', '2026-11-29 09:08:44.035472', '2026-11-29 09:08:44.035472', '01a22690-5760-7546-9b00-4264115a3ff3');
INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c0a-72f6-b84f-fe67e2b92374', 'article', 'Suicide attack on police truck in Quetta kills policeman, two civilians', 'https://news.example.org/2022/11/30/quetta-police-truck-attack', 'Example News', '["Staff reporter","Web desk"]', '2022-11-30', 'en', 'C', 'https://archive.example.org/20221130/quetta-police-truck-attack', 'suicide attack on police truck in quetta kills policeman, two civilians
example news', 'example news', NULL, NULL, 6, '749b7bc551ba519b11925078d95ab0e071730a4dc6067d5ae737dd06f55996cd', '2026-11-29 09:08:44.682233', '2026-11-29 09:08:44.754162', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c5d-757b-8b06-16a5d73169c8', 'article', 'کوئٹہ میں پولیس ٹرک پر خودکش حملہ: ‘اسلامی امارت’ اور “دباؤ” کی بحث', NULL, 'روزنامہ مثال', '["نامہ نگار"]', '2022-12-01T09:30:00+05:00', 'ur', 'D', NULL, 'کوئٹہ میں پولیس ٹرک پر خودکش حملہ: ‘اسلامی امارت’ اور “دباؤ” کی بحث
روزنامہ مثال', 'روزنامہ مثال', NULL, NULL, 1, '272db2496e4e55f59e08b530991903199e33727a92b0425653b2afea5f1c1519', '2026-11-29 09:08:44.765437', '2026-11-29 09:08:44.765437', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c6c-7516-82cf-9c2f2fb45761', 'official_statement', 'Statement by the Balochistan police on the Baleli attack', NULL, 'Balochistan Police', '[]', '2022-11-30', 'en', 'B', NULL, 'statement by the balochistan police on the baleli attack
balochistan police', 'balochistan police', NULL, NULL, 1, '92564dfc95749b6a1fb895a0bf3ed174c117fe977afdf50506bd186f44a46d9d', '2026-11-29 09:08:44.780311', '2026-11-29 09:08:44.780311', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c78-77ef-9a62-5276397484f4', 'social_post', 'TTP claim of responsibility posted on a messaging channel', 'https://t.example.org/ttp_media/1234', NULL, '[]', NULL, 'ps', 'E', NULL, 'ttp claim of responsibility posted on a messaging channel', NULL, NULL, NULL, 1, 'bda8c7109be6553b1cfac94cb22fa7a8d5f64ea1acec9666b4fafbcadf36a0d8', '2026-11-29 09:08:44.792343', '2026-11-29 09:08:44.792343', '01a22690-5adc-74a1-a268-a7a607dd6bd4');
INSERT INTO "public"."sources" ("id", "kind", "title", "url", "publisher", "authors", "published_at", "language", "reliability", "archived_url", "search_text", "publisher_key", "retracted_at", "retracted_reason", "revision", "head_hash", "created_at", "updated_at", "created_by") VALUES ('01a22690-5c8a-727e-b05e-cefaea9194c2', 'report', 'Preliminary casualty report (withdrawn)', NULL, NULL, '[]', NULL, NULL, 'F', NULL, 'preliminary casualty report (withdrawn)', NULL, '2026-11-29 09:08:45.394935', 'The agency withdrew the preliminary report.', 2, '63e52c1842988bdf2877cee7771227729fa90967f50923ca1456356b29c46076', '2026-11-29 09:08:44.810772', '2026-11-29 09:08:45.394935', '01a22690-5adc-74a1-a268-a7a607dd6bd4');


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO "public"."users" ("id", "username", "display_name", "role", "disabled", "password_hash", "revision", "created_at", "updated_at", "created_by", "head_hash") VALUES ('01a22690-5760-7546-9b00-4264115a3ff3', 'admin', 'Administrator', 'admin', false, '$argon2id$v=19$m=7168,t=5,p=1$sK3NVLRxL5+u2pcg5/UOnA$T1uN71d6cHFixoYLH7k9wDZyRCsJurTwEpmjJ7wkYm8', 1, '2026-11-29 09:08:43.48825', '2026-11-29 09:08:43.48825', NULL, 'a9e83a865e13716d0011a69f3ee6882b067b09c238523c45fa4f346d4928b23b');
INSERT INTO "public"."users" ("id", "username", "display_name", "role", "disabled", "password_hash", "revision", "created_at", "updated_at", "created_by", "head_hash") VALUES ('01a22690-5adc-74a1-a268-a7a607dd6bd4', 'editor', 'Amina Yusufzai', 'editor', false, '$argon2id$v=19$m=7168,t=5,p=1$+Kt+/FdTWkRj5g/15+bnow$fRaZSGUhnSsGorxCnDUhKnzXFKX4Y2CXZzRAOAk7z/8', 1, '2026-11-29 09:08:44.380681', '2026-11-29 09:08:44.380681', '01a22690-5760-7546-9b00-4264115a3ff3', '082be7531ffd5d26ff875874804046f18e439df8a981110d32528ac3844a9fd0');
INSERT INTO "public"."users" ("id", "username", "display_name", "role", "disabled", "password_hash", "revision", "created_at", "updated_at", "created_by", "head_hash") VALUES ('01a22690-5afd-74db-bc90-85d992068bd8', 'reviewer', 'Bilal Qureshi', 'reviewer', false, '$argon2id$v=19$m=7168,t=5,p=1$AX4+rm2wl+PwWkZPwIECAA$tbJavTsqrZp+BAJ8fAOLod2w8FPzZ8gwkT9verpjwpE', 1, '2026-11-29 09:08:44.413299', '2026-11-29 09:08:44.413299', '01a22690-5760-7546-9b00-4264115a3ff3', 'b35a1ab0b613f45073804798ea1c83a2750aaac26fa4cf41862bcced99f6ec21');
INSERT INTO "public"."users" ("id", "username", "display_name", "role", "disabled", "password_hash", "revision", "created_at", "updated_at", "created_by", "head_hash") VALUES ('01a22690-5b41-744b-a44a-0fe64efa4a03', 'analyst', NULL, 'editor', false, '$argon2id$v=19$m=7168,t=5,p=1$c17SamiD9HH2X5iPcmHMZA$VIVuqLi0YLHltEl54BHCkyxKd+fhN9XNgQK5WKzIFXg', 5, '2026-11-29 09:08:44.481376', '2026-11-29 09:08:44.528114', '01a22690-5760-7546-9b00-4264115a3ff3', 'd8c080b1b3a8a02fc4979317ce2dcd3b4ffe2593491d51090854d34ddb5f0631');
INSERT INTO "public"."users" ("id", "username", "display_name", "role", "disabled", "password_hash", "revision", "created_at", "updated_at", "created_by", "head_hash") VALUES ('01a22690-5b24-713d-bd37-b61b5beb9fde', 'viewer', 'Farah Baloch', 'viewer', false, '$argon2id$v=19$m=7168,t=5,p=1$a0dBvHhnOWZRc+KEICp+JA$/zjl8zpYyuwRh4hsLqSkRkPn3l36yY1hdk4oRZZ8vUw', 2, '2026-11-29 09:08:44.452124', '2026-11-29 09:08:44.5609', '01a22690-5760-7546-9b00-4264115a3ff3', '080cb4f2cec50b400ef6317d3e335a61a6e056b62316bde94d9648703ce602c7');


--
-- Name: revisions_seq_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('"public"."revisions_seq_seq"', 127, true);


--
-- Name: __diesel_schema_migrations __diesel_schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."__diesel_schema_migrations"
    ADD CONSTRAINT "__diesel_schema_migrations_pkey" PRIMARY KEY ("version");


--
-- Name: citations citations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."citations"
    ADD CONSTRAINT "citations_pkey" PRIMARY KEY ("id");


--
-- Name: claim_tags claim_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claim_tags"
    ADD CONSTRAINT "claim_tags_pkey" PRIMARY KEY ("claim_id", "tag");


--
-- Name: claims claims_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claims"
    ADD CONSTRAINT "claims_pkey" PRIMARY KEY ("id");


--
-- Name: contradictions contradictions_claim_a_claim_b_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_claim_a_claim_b_key" UNIQUE ("claim_a", "claim_b");


--
-- Name: contradictions contradictions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_pkey" PRIMARY KEY ("id");


--
-- Name: entities entities_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."entities"
    ADD CONSTRAINT "entities_pkey" PRIMARY KEY ("id");


--
-- Name: idempotency_keys idempotency_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."idempotency_keys"
    ADD CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("user_id", "key");


--
-- Name: login_failures login_failures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."login_failures"
    ADD CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id");


--
-- Name: properties properties_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."properties"
    ADD CONSTRAINT "properties_pkey" PRIMARY KEY ("key");


--
-- Name: refresh_tokens refresh_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."refresh_tokens"
    ADD CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("token_hash");


--
-- Name: revisions revisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."revisions"
    ADD CONSTRAINT "revisions_pkey" PRIMARY KEY ("seq");


--
-- Name: revisions revisions_record_kind_record_id_revision_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."revisions"
    ADD CONSTRAINT "revisions_record_kind_record_id_revision_key" UNIQUE ("record_kind", "record_id", "revision");


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."sessions"
    ADD CONSTRAINT "sessions_pkey" PRIMARY KEY ("id");


--
-- Name: sources sources_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."sources"
    ADD CONSTRAINT "sources_pkey" PRIMARY KEY ("id");


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."users"
    ADD CONSTRAINT "users_pkey" PRIMARY KEY ("id");


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."users"
    ADD CONSTRAINT "users_username_key" UNIQUE ("username");


--
-- Name: citations_claim; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "citations_claim" ON "public"."citations" USING "btree" ("claim_id", "position");


--
-- Name: citations_source; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "citations_source" ON "public"."citations" USING "btree" ("source_id", "claim_id");


--
-- Name: claim_tags_tag; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claim_tags_tag" ON "public"."claim_tags" USING "btree" ("tag", "claim_id");


--
-- Name: claims_confidence; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_confidence" ON "public"."claims" USING "btree" ("confidence", "id");


--
-- Name: claims_occurred; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_occurred" ON "public"."claims" USING "btree" ("occurred_sort", "id");


--
-- Name: claims_property_confidence; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_property_confidence" ON "public"."claims" USING "btree" ("property", "confidence", "id");


--
-- Name: claims_property_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_property_id" ON "public"."claims" USING "btree" ("property", "id");


--
-- Name: claims_search; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_search" ON "public"."claims" USING "gin" ("search_vector");


--
-- Name: claims_statement_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_statement_key" ON "public"."claims" USING "btree" ("statement_key");


--
-- Name: claims_subject_property; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_subject_property" ON "public"."claims" USING "btree" ("subject_id", "property", "occurred_sort", "id");


--
-- Name: claims_verdict; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "claims_verdict" ON "public"."claims" USING "btree" ("verdict", "id");


--
-- Name: contradictions_claim_a_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "contradictions_claim_a_status" ON "public"."contradictions" USING "btree" ("claim_a", "status");


--
-- Name: contradictions_claim_b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "contradictions_claim_b" ON "public"."contradictions" USING "btree" ("claim_b", "status");


--
-- Name: contradictions_origin; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "contradictions_origin" ON "public"."contradictions" USING "btree" ("origin", "id");


--
-- Name: contradictions_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "contradictions_status" ON "public"."contradictions" USING "btree" ("status", "id");


--
-- Name: contradictions_subject; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "contradictions_subject" ON "public"."contradictions" USING "btree" ("subject_id", "id");


--
-- Name: entities_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "entities_kind" ON "public"."entities" USING "btree" ("kind", "id");


--
-- Name: idempotency_keys_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "idempotency_keys_created" ON "public"."idempotency_keys" USING "btree" ("created_at");


--
-- Name: login_failures_client_ip; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "login_failures_client_ip" ON "public"."login_failures" USING "btree" ("client_ip", "created_at");


--
-- Name: login_failures_username; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "login_failures_username" ON "public"."login_failures" USING "btree" ("username", "created_at");


--
-- Name: refresh_tokens_session; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "refresh_tokens_session" ON "public"."refresh_tokens" USING "btree" ("session_id");


--
-- Name: revisions_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "revisions_created" ON "public"."revisions" USING "btree" ("record_kind", "record_id", "created_at");


--
-- Name: revisions_txid; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "revisions_txid" ON "public"."revisions" USING "btree" ("txid", "seq");


--
-- Name: sessions_user_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "sessions_user_kind" ON "public"."sessions" USING "btree" ("user_id", "kind", "id");


--
-- Name: sources_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "sources_kind" ON "public"."sources" USING "btree" ("kind", "id");


--
-- Name: sources_publisher; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "sources_publisher" ON "public"."sources" USING "btree" ("publisher_key", "id");


--
-- Name: sources_reliability; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX "sources_reliability" ON "public"."sources" USING "btree" ("reliability", "id");


--
-- Name: revisions revisions_no_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "revisions_no_delete" BEFORE DELETE ON "public"."revisions" FOR EACH ROW EXECUTE FUNCTION "public"."revisions_refuse_change"();


--
-- Name: revisions revisions_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "revisions_no_truncate" BEFORE TRUNCATE ON "public"."revisions" FOR EACH STATEMENT EXECUTE FUNCTION "public"."revisions_refuse_change"();


--
-- Name: revisions revisions_no_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER "revisions_no_update" BEFORE UPDATE ON "public"."revisions" FOR EACH ROW EXECUTE FUNCTION "public"."revisions_refuse_change"();


--
-- Name: citations citations_claim_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."citations"
    ADD CONSTRAINT "citations_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id");


--
-- Name: citations citations_source_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."citations"
    ADD CONSTRAINT "citations_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id");


--
-- Name: claim_tags claim_tags_claim_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claim_tags"
    ADD CONSTRAINT "claim_tags_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id");


--
-- Name: claims claims_claimant_entity_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claims"
    ADD CONSTRAINT "claims_claimant_entity_id_fkey" FOREIGN KEY ("claimant_entity_id") REFERENCES "public"."entities"("id");


--
-- Name: claims claims_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claims"
    ADD CONSTRAINT "claims_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- Name: claims claims_property_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claims"
    ADD CONSTRAINT "claims_property_fkey" FOREIGN KEY ("property") REFERENCES "public"."properties"("key");


--
-- Name: claims claims_subject_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."claims"
    ADD CONSTRAINT "claims_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "public"."entities"("id");


--
-- Name: contradictions contradictions_claim_a_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_claim_a_fkey" FOREIGN KEY ("claim_a") REFERENCES "public"."claims"("id");


--
-- Name: contradictions contradictions_claim_b_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_claim_b_fkey" FOREIGN KEY ("claim_b") REFERENCES "public"."claims"("id");


--
-- Name: contradictions contradictions_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- Name: contradictions contradictions_preferred_claim_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_preferred_claim_id_fkey" FOREIGN KEY ("preferred_claim_id") REFERENCES "public"."claims"("id");


--
-- Name: contradictions contradictions_subject_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."contradictions"
    ADD CONSTRAINT "contradictions_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "public"."entities"("id");


--
-- Name: entities entities_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."entities"
    ADD CONSTRAINT "entities_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- Name: idempotency_keys idempotency_keys_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."idempotency_keys"
    ADD CONSTRAINT "idempotency_keys_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id");


--
-- Name: properties properties_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."properties"
    ADD CONSTRAINT "properties_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- Name: refresh_tokens refresh_tokens_session_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."refresh_tokens"
    ADD CONSTRAINT "refresh_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id");


--
-- Name: revisions revisions_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."revisions"
    ADD CONSTRAINT "revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id");


--
-- Name: sessions sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."sessions"
    ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id");


--
-- Name: sources sources_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."sources"
    ADD CONSTRAINT "sources_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- Name: users users_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY "public"."users"
    ADD CONSTRAINT "users_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id");


--
-- PostgreSQL database dump complete
--



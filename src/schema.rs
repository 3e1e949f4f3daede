// The diesel schema, written to match both migration sets. Only SQL types that diesel maps
// the same way on SQLite and PostgreSQL appear here (Text, BigInt, Double, Bool, Timestamp).

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        display_name -> Nullable<Text>,
        role -> Text,
        disabled -> Bool,
        password_hash -> Text,
        revision -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        head_hash -> Text,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        user_id -> Text,
        key -> Text,
        request_hash -> Text,
        status -> Integer,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        name -> Nullable<Text>,
        role -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        last_used_at -> Nullable<Timestamp>,
        client_ip -> Nullable<Text>,
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        username -> Text,
        client_ip -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sources (id) {
        id -> Text,
        kind -> Text,
        title -> Text,
        url -> Nullable<Text>,
        publisher -> Nullable<Text>,
        authors -> Text,
        published_at -> Nullable<Text>,
        language -> Nullable<Text>,
        reliability -> Text,
        archived_url -> Nullable<Text>,
        search_text -> Text,
        publisher_key -> Nullable<Text>,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
        derives_from -> Text,
    }
}

diesel::table! {
    source_derivations (source_id, derives_from_id) {
        source_id -> Text,
        derives_from_id -> Text,
        relation -> Text,
    }
}

diesel::table! {
    claim_subject_history (subject_id, property, claim_id) {
        subject_id -> Text,
        property -> Text,
        claim_id -> Text,
        since -> Timestamp,
    }
}

diesel::table! {
    entities (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        aliases -> Text,
        description -> Nullable<Text>,
        search_text -> Text,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    properties (key) {
        key -> Text,
        label -> Text,
        description -> Nullable<Text>,
        value_type -> Text,
        single_valued -> Bool,
        unit -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        best -> Nullable<Text>,
    }
}

diesel::table! {
    claims (id) {
        id -> Text,
        statement -> Text,
        statement_key -> Text,
        subject_id -> Nullable<Text>,
        property -> Nullable<Text>,
        value -> Nullable<Text>,
        value_lower -> Nullable<Double>,
        value_upper -> Nullable<Double>,
        value_key -> Nullable<Text>,
        occurred_value -> Nullable<Text>,
        occurred_precision -> Nullable<Text>,
        occurred_start -> Nullable<Timestamp>,
        occurred_end -> Nullable<Timestamp>,
        occurred_sort -> Timestamp,
        place -> Nullable<Text>,
        claimed_at -> Nullable<Timestamp>,
        claimant_entity_id -> Nullable<Text>,
        claimant_text -> Nullable<Text>,
        confidence -> Double,
        credibility -> Nullable<Integer>,
        verdict -> Text,
        verdict_note -> Nullable<Text>,
        search_text -> Text,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
        published_review -> Nullable<Text>,
    }
}

diesel::table! {
    citations (id) {
        id -> Text,
        claim_id -> Text,
        source_id -> Text,
        position -> Integer,
        quote -> Nullable<Text>,
        locator -> Nullable<Text>,
        url -> Nullable<Text>,
        role -> Text,
        check_status -> Text,
        check_capture_id -> Nullable<Text>,
        check_start -> Nullable<BigInt>,
        check_end -> Nullable<BigInt>,
        attributed_to -> Nullable<Text>,
        quote_lost_capture_id -> Nullable<Text>,
    }
}

diesel::table! {
    capture_blobs (sha256) {
        sha256 -> Text,
        size -> BigInt,
        content -> Binary,
        created_at -> Timestamp,
    }
}

diesel::table! {
    capture_texts (sha256, format) {
        sha256 -> Text,
        format -> Text,
        text -> Text,
    }
}

diesel::table! {
    captures (id) {
        id -> Text,
        source_id -> Text,
        sha256 -> Text,
        media_type -> Text,
        retrieved_at -> Timestamp,
        archive_url -> Nullable<Text>,
        size -> BigInt,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    quote_rechecks (id) {
        id -> Text,
        source_id -> Text,
        capture_id -> Text,
        claim_id -> Nullable<Text>,
        after_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    claim_tags (claim_id, tag) {
        claim_id -> Text,
        tag -> Text,
    }
}

diesel::table! {
    revisions (seq) {
        seq -> BigInt,
        record_kind -> Text,
        record_id -> Text,
        revision -> BigInt,
        action -> Text,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        edit_summary -> Nullable<Text>,
        snapshot -> Text,
        snapshot_hash -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    contradictions (id) {
        id -> Text,
        claim_a -> Text,
        claim_b -> Text,
        origin -> Text,
        status -> Text,
        note -> Nullable<Text>,
        resolution_note -> Nullable<Text>,
        preferred_claim_id -> Nullable<Text>,
        subject_id -> Nullable<Text>,
        property -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
        auto_resolved -> Bool,
    }
}

diesel::table! {
    checkpoint_keys (key_id) {
        key_id -> Text,
        public_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    checkpoints (id) {
        id -> BigInt,
        created_at -> Timestamp,
        root -> Text,
        records -> BigInt,
        revisions -> BigInt,
        feed_txid -> BigInt,
        feed_seq -> BigInt,
        key_id -> Text,
        signature -> Text,
    }
}

diesel::table! {
    checkpoint_heads (record_kind, record_id, checkpoint_id) {
        record_kind -> Text,
        record_id -> Text,
        checkpoint_id -> BigInt,
        revision -> BigInt,
        hash -> Text,
    }
}

diesel::table! {
    external_reviews (id) {
        id -> Text,
        claim_id -> Text,
        url -> Text,
        publisher -> Text,
        publisher_url -> Nullable<Text>,
        title -> Nullable<Text>,
        reviewed_at -> Nullable<Text>,
        textual_rating -> Nullable<Text>,
        language -> Nullable<Text>,
        rating_value -> Nullable<Double>,
        best_rating -> Nullable<Double>,
        worst_rating -> Nullable<Double>,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        event_types -> Text,
        subject_id -> Nullable<Text>,
        tag -> Nullable<Text>,
        property -> Nullable<Text>,
        description -> Nullable<Text>,
        enabled -> Bool,
        payload_format -> Text,
        include_record -> Bool,
        disabled_reason -> Nullable<Text>,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
        import_events -> Text,
    }
}

diesel::table! {
    webhook_secrets (webhook_id, created_at) {
        webhook_id -> Text,
        secret -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_cursors (webhook_id) {
        webhook_id -> Text,
        txid -> BigInt,
        seq -> BigInt,
        lease_owner -> Nullable<Text>,
        lease_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        event_type -> Text,
        txid -> BigInt,
        seq -> BigInt,
        payload -> Text,
        status -> Text,
        attempts -> BigInt,
        next_attempt_at -> Timestamp,
        first_attempt_at -> Nullable<Timestamp>,
        last_attempt_at -> Nullable<Timestamp>,
        last_status -> Nullable<BigInt>,
        last_latency_ms -> Nullable<BigInt>,
        last_response -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    import_batches (id) {
        id -> Text,
        txid -> BigInt,
        first_seq -> BigInt,
        last_seq -> BigInt,
        format -> Text,
        author_id -> Nullable<Text>,
        created_at -> Timestamp,
        counts -> Text,
    }
}

diesel::table! {
    relations (id) {
        id -> Text,
        kind -> Text,
        from_claim_id -> Text,
        to_claim_id -> Text,
        note -> Text,
        retracted_at -> Nullable<Timestamp>,
        retracted_reason -> Nullable<Text>,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    impacts (id) {
        id -> Text,
        reason -> Text,
        target_kind -> Text,
        target_id -> Text,
        trigger_kind -> Text,
        trigger_id -> Text,
        trigger_revision -> BigInt,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Nullable<Text>,
    }
}

diesel::table! {
    review_decisions (id) {
        id -> Text,
        impact_id -> Text,
        claim_id -> Text,
        note -> Text,
        revision -> BigInt,
        head_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(citations -> claims (claim_id));
diesel::joinable!(citations -> sources (source_id));
diesel::joinable!(claim_tags -> claims (claim_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(checkpoints -> checkpoint_keys (key_id));
diesel::joinable!(checkpoint_heads -> checkpoints (checkpoint_id));
diesel::joinable!(external_reviews -> claims (claim_id));
diesel::joinable!(claim_subject_history -> claims (claim_id));
diesel::joinable!(captures -> sources (source_id));
diesel::joinable!(captures -> capture_blobs (sha256));
diesel::joinable!(capture_texts -> capture_blobs (sha256));
diesel::joinable!(webhook_secrets -> webhooks (webhook_id));
diesel::joinable!(webhook_cursors -> webhooks (webhook_id));
diesel::joinable!(webhook_deliveries -> webhooks (webhook_id));
diesel::joinable!(review_decisions -> impacts (impact_id));
diesel::joinable!(review_decisions -> claims (claim_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    refresh_tokens,
    login_failures,
    sources,
    entities,
    properties,
    claims,
    citations,
    claim_tags,
    revisions,
    idempotency_keys,
    contradictions,
    checkpoint_keys,
    checkpoints,
    checkpoint_heads,
    external_reviews,
    relations,
    webhooks,
    webhook_secrets,
    webhook_cursors,
    webhook_deliveries,
    import_batches,
    source_derivations,
    claim_subject_history,
    capture_blobs,
    capture_texts,
    captures,
    quote_rechecks,
    impacts,
    review_decisions,
);

//! Sending webhooks (issue 16): events derived from the changes feed (`events`), signed per
//! Standard Webhooks (`sign`), sent by a background worker (`worker`) through a client that
//! refuses non-public addresses (`net`), one attempt at a time (`send`). Subscriptions,
//! secrets, feed positions and deliveries are stored by `store::webhooks`.

pub mod events;
pub mod net;
pub mod send;
pub mod sign;
pub mod worker;

use std::sync::Arc;

use crate::config::WebhookConfig;
use crate::db::{Counted, Database, DbConn, WriteTx};
use crate::store::StoreError;
use crate::store::ledger::Ledger;

/// What the sender and the webhook endpoints share: the database, the ledger (a subscription
/// that fails too long is disabled by a revision), the configuration and the HTTP client.
pub struct Webhooks {
    pub db: Database,
    pub ledger: Arc<Ledger>,
    pub config: WebhookConfig,
    pub client: reqwest::Client,
    /// This instance's name on the leases it holds.
    pub owner: String,
}

impl Webhooks {
    pub fn new(db: Database, ledger: Arc<Ledger>, config: WebhookConfig) -> anyhow::Result<Self> {
        let client = net::client(&config)?;
        Ok(Self {
            db,
            ledger,
            config,
            client,
            owner: format!("instance-{}", uuid::Uuid::now_v7().simple()),
        })
    }

    async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut DbConn) -> Result<T, StoreError> + Send + 'static,
    ) -> anyhow::Result<T> {
        let Counted { value, .. } = self.db.read(work).await?;
        Ok(value?)
    }

    async fn write<T: Send + 'static, E: Into<anyhow::Error> + Send + 'static>(
        &self,
        work: impl FnOnce(&mut WriteTx<'_>) -> Result<T, E> + Send + 'static,
    ) -> anyhow::Result<T> {
        let Counted { value, .. } = self.db.write(work).await?;
        value.map_err(Into::into)
    }
}

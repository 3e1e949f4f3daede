//! How typed values are stored: enums as TEXT columns by name, JSON documents as TEXT.
//!
//! Reading is strict. A stored name that is not a variant, or JSON that does not parse, is a
//! deserialisation error that names the value — never a plausible default — so a corrupt row
//! fails loudly for that record (and `claimledger verify` reports it) instead of being served
//! as something it is not.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::sql_types::Text;
use serde::de::DeserializeOwned;

/// Declares an enum that is stored by name, in columns and in revision snapshots. Pass serde's
/// and strum's renaming rules with it (they must agree; a unit test checks every variant).
/// The names are part of the stored format: never rename one.
#[macro_export]
macro_rules! stored_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }
    ) => {
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        $(#[$meta])*
        $vis enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// The stored (and wire) name.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// Every variant, in declaration order.
            pub fn all() -> &'static [Self] {
                <Self as strum::VariantArray>::VARIANTS
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::Text, DB>
            for $name
        where
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, DB>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }

        impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::Text, DB>
            for $name
        where
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let name = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                name.parse().map_err(|_| {
                    format!("{name:?} is not a stored {}", stringify!($name)).into()
                })
            }
        }
    };
}

/// A TEXT column holding JSON, parsed strictly when read. (Written as the serialised string:
/// the store builds it when it builds the row.)
#[derive(Debug, Clone, PartialEq, diesel::FromSqlRow)]
pub struct JsonText<T>(pub T);

impl<T, DB> FromSql<Text, DB> for JsonText<T>
where
    DB: Backend,
    T: DeserializeOwned,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = <String as FromSql<Text, DB>>::from_sql(bytes)?;
        serde_json::from_str(&text).map(JsonText).map_err(|e| {
            format!(
                "stored JSON is not a {}: {e}",
                std::any::type_name::<T>()
                    .rsplit("::")
                    .next()
                    .unwrap_or("value")
            )
            .into()
        })
    }
}

//! Unit enums written and read by name (`"capture"`, `"point"`, `"day"`), as serde's derive
//! writes them, through the enum's own naming function: one home for the names.
//!
//! Why not the derive: its reader matches every name as text, as bytes and as an index, with
//! serde's list of the names for its error, about a kilobyte of the page's module per enum,
//! and the page reads four of them.

use std::fmt;

use serde::de::{self, Visitor};

/// Reads one of `all` by its `name`.
pub(crate) struct ByName<T: 'static> {
    pub all: &'static [T],
    pub name: fn(T) -> &'static str,
    /// What a value is, for an error: "an event kind".
    pub what: &'static str,
}

impl<T: Copy> Visitor<'_> for ByName<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        self.all
            .iter()
            .copied()
            .find(|&t| (self.name)(t) == v)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// `Serialize` and `Deserialize` for the unit enum `$ty`: by `$ty::$name`, over `$ty::ALL`.
macro_rules! by_name {
    ($ty:ty, $name:ident, $what:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                deserializer.deserialize_str($crate::by_name::ByName {
                    all: &<$ty>::ALL,
                    name: <$ty>::$name,
                    what: $what,
                })
            }
        }
    };
}

pub(crate) use by_name;

#[cfg(test)]
mod tests {
    use crate::facts::EventKind;
    use crate::geoparse::{MentionKind, Precision};
    use crate::when::DatePrecision;

    /// Each enum's names as the derive wrote them (and the committed JSON holds them), and
    /// each name read back, in JSON and packed.
    #[test]
    fn names_are_the_derives_and_read_back() {
        fn check<T>(names: &[&str])
        where
            T: Copy + PartialEq + std::fmt::Debug + serde::Serialize,
            T: serde::de::DeserializeOwned,
        {
            for name in names {
                let json = format!("\"{name}\"");
                let value: T = serde_json::from_str(&json).unwrap();
                assert_eq!(serde_json::to_string(&value).unwrap(), json);
                let packed = crate::packed::to_bytes(&value).unwrap();
                assert_eq!(crate::packed::from_bytes::<T>(&packed).unwrap(), value);
            }
            let err = serde_json::from_str::<T>("\"nowhere\"")
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with("invalid value: string \"nowhere\""),
                "{err}"
            );
            assert!(serde_json::from_str::<T>("1").is_err());
        }
        check::<Precision>(&["point", "admin1", "admin2", "country", "area"]);
        check::<MentionKind>(&["place", "demonym", "street"]);
        check::<DatePrecision>(&["day", "month", "year", "unknown"]);
        check::<EventKind>(&EventKind::ALL.map(EventKind::slug));
    }
}

//! serde's access types over the located tree: list items, a block's fields, a unit variant.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::error::{Error, unknown_key_hint};
use super::{Ctx, NodeDe, node_id};
use crate::case::path::FieldPath;
use crate::case::yaml::{Key, Node, NodeKind};
use crate::diag::Diagnostic;

pub(super) struct Items<'a, 'p> {
    pub(super) items: std::slice::Iter<'a, Node>,
    pub(super) index: usize,
    pub(super) parent: FieldPath<'a>,
    pub(super) ctx: &'a Ctx<'p>,
}

impl<'de, 'a, 'p> de::SeqAccess<'de> for Items<'a, 'p> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        for node in self.items.by_ref() {
            self.index += 1;
            if self.ctx.is_absent(node) {
                continue;
            }
            let de = NodeDe { node, path: self.parent.index(self.index), ctx: self.ctx };
            return seed.deserialize(de).map(Some);
        }
        Ok(None)
    }
}

pub(super) struct Fields<'a, 'p> {
    pub(super) entries: std::slice::Iter<'a, (Key, Node)>,
    pub(super) fields: Option<&'static [&'static str]>,
    pub(super) pending: Option<&'a (Key, Node)>,
    pub(super) parent: FieldPath<'a>,
    pub(super) ctx: &'a Ctx<'p>,
}

impl<'de, 'a, 'p> de::MapAccess<'de> for Fields<'a, 'p> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        for entry in self.entries.by_ref() {
            let (key, value) = entry;
            if let Some(fields) = self.fields
                && !fields.contains(&key.name.as_str())
            {
                // A key is echoed in the message and its path: cut to a readable length.
                let name = crate::case::yaml::shorten(&key.name);
                let path = self.parent.key(&name);
                self.ctx.notes.borrow_mut().push(
                    Diagnostic::error(format!("champ inconnu « {name} »"))
                        .field(path.to_string())
                        .at(key.pos)
                        .hint(unknown_key_hint(&key.name, fields)),
                );
                continue;
            }
            if self.ctx.is_absent(value) {
                continue;
            }
            self.pending = Some(entry);
            let key_de: de::value::StrDeserializer<'_, Error> = key.name.as_str().into_deserializer();
            return seed.deserialize(key_de).map(Some).map_err(|e| {
                let node = Node { pos: key.pos, kind: NodeKind::Null };
                let mut e = e.locate(&node, &self.parent.key(&key.name));
                e.node = Some(node_id(value));
                e
            });
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.pending.take() else {
            return Err(Error::new("valeur demandée avant sa clé"));
        };
        seed.deserialize(NodeDe { node: value, path: self.parent.key(&key.name), ctx: self.ctx })
    }
}

pub(super) struct UnitVariant<'a> {
    pub(super) name: &'a str,
}

impl<'de> de::EnumAccess<'de> for UnitVariant<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let de: de::value::StrDeserializer<'_, Error> = self.name.into_deserializer();
        let value = seed.deserialize(de)?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        Err(Error::new("une valeur simple était attendue"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        Err(Error::new("une valeur simple était attendue"))
    }

    fn struct_variant<V: Visitor<'de>>(self, _fields: &'static [&'static str], _visitor: V) -> Result<V::Value, Error> {
        Err(Error::new("une valeur simple était attendue"))
    }
}

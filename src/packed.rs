//! The compact binary form in which the site's modules hand each other data: the shipped
//! corpus's places, facts and manifest (written by build.rs from the committed JSON and
//! embedded in the page), the worker's messages, and the workbench's feed to the page.
//!
//! Why not JSON: the page would then carry serde_json's parser, its number parsing and its
//! error positions, and the first view reads nothing else in JSON; this reader is a fraction
//! of that, and the shipped data take fewer bytes. It writes serde's data model as JSON does
//! (a struct is a map of its fields by name, an enum's unit variant its name, another variant
//! a map of one entry), so any type that reads and writes JSON reads and writes this, and
//! build.rs (which includes this very file, `#[path]`) turns any JSON value into it without
//! knowing the types.
//!
//! A file is `fmpk`, the format's version (one byte), then one value: a tag byte, then
//!
//! | tag | value |
//! |---|---|
//! | 0 | null: a unit, `None` |
//! | 1, 2 | false, true |
//! | 3 | an unsigned integer: a varint |
//! | 4 | a negative integer: a zigzag varint |
//! | 5 | a float: 8 bytes, little-endian |
//! | 6 | a string: its length in bytes (a varint), then UTF-8 |
//! | 7 | the n-th string written before (a varint, from 0; strings are counted in order) |
//! | 8 | a sequence: its length (a varint), then its values |
//! | 9 | a map: its number of entries (a varint), then key and value of each |
//!
//! Strings up to [`REPEATED_MAX`] bytes are written once and referred to after: field names
//! and the reasons, kinds and places the data repeat. A file of another version, cut short or
//! damaged is an [`Error`] that says which, never a panic.

use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};
use serde::ser::{self, Serialize};
use serde::Deserialize;

use crate::varint;

/// What every file starts with.
const MAGIC: &[u8; 4] = b"fmpk";
/// The format this build writes and reads; another is refused rather than misread.
pub const VERSION: u8 = 1;
/// Longer strings (article texts, excerpts) rarely repeat: they are not looked up.
pub const REPEATED_MAX: usize = 64;
/// How deeply sequences and maps may nest: damaged data must not exhaust the stack.
const DEPTH_MAX: u32 = 128;

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const UINT: u8 = 3;
const NEG: u8 = 4;
const FLOAT: u8 = 5;
const STR: u8 = 6;
const AGAIN: u8 = 7;
const SEQ: u8 = 8;
const MAP: u8 = 9;

/// Why bytes could not be read (or a value written) in this form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }

    // serde's own messages print the unexpected value (a float with core's float formatting,
    // some 9 kB of the page's module that nothing else there needs: `crate::numfmt`) and list
    // the names expected; the kind of value and the name found say enough.
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error(format!(
            "invalid type: {}, expected {expected}",
            kind(unexpected)
        ))
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Error {
        Error(format!(
            "invalid value: {}, expected {expected}",
            kind(unexpected)
        ))
    }

    fn unknown_variant(variant: &str, _: &'static [&'static str]) -> Error {
        Error(format!("unknown variant `{variant}`"))
    }

    fn unknown_field(field: &str, _: &'static [&'static str]) -> Error {
        Error(format!("unknown field `{field}`"))
    }
}

/// What kind of value serde found where it expected another.
fn kind(unexpected: de::Unexpected<'_>) -> &'static str {
    use de::Unexpected as U;
    match unexpected {
        U::Bool(_) => "a boolean",
        U::Unsigned(_) | U::Signed(_) => "an integer",
        U::Float(_) => "a float",
        U::Char(_) | U::Str(_) => "a string",
        U::Bytes(_) => "bytes",
        U::Unit | U::Option => "null",
        U::Seq => "a sequence",
        U::Map => "a map",
        U::Enum => "an enum",
        _ => "another value",
    }
}

/// `value` in the packed form, with its header.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut writer = Writer {
        out: MAGIC.to_vec(),
        strings: HashMap::new(),
        written: 0,
    };
    writer.out.push(VERSION);
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// Reads a `T` from a whole packed file; its strings are borrowed from `bytes` where `T` can.
pub fn from_bytes<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> Result<T, Error> {
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err(Error("not a factmap data file".to_owned()));
    };
    match rest.first() {
        None => return Err(Error("the file ends before its format version".to_owned())),
        Some(&v) if v != VERSION => {
            return Err(Error(format!(
                "format version {v}; this build reads version {VERSION}"
            )))
        }
        Some(_) => {}
    }
    let mut reader = Reader {
        bytes,
        at: MAGIC.len() + 1,
        strings: Vec::new(),
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    if reader.at != bytes.len() {
        return Err(Error(format!(
            "{} bytes follow the value, at byte {}",
            bytes.len() - reader.at,
            reader.at
        )));
    }
    Ok(value)
}

struct Writer {
    out: Vec<u8>,
    /// The strings written in full, by their number.
    strings: HashMap<String, u64>,
    /// How many strings were written in full.
    written: u64,
}

impl Writer {
    fn tagged(&mut self, tag: u8, n: u64) {
        self.out.push(tag);
        varint::put(&mut self.out, n);
    }

    fn string(&mut self, s: &str) {
        if s.len() <= REPEATED_MAX {
            if let Some(&n) = self.strings.get(s) {
                return self.tagged(AGAIN, n);
            }
            self.strings.insert(s.to_owned(), self.written);
        }
        self.written += 1;
        self.tagged(STR, s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// Starts a sequence or map of `len` items; its [`Compound`] corrects the count at its end
    /// if `len` was unknown or wrong.
    fn compound(&mut self, tag: u8, len: Option<usize>) -> Compound<'_> {
        let declared = len.unwrap_or(0) as u64;
        self.tagged(tag, declared);
        Compound {
            at: self.out.len() - varint_len(declared),
            declared,
            count: 0,
            writer: self,
        }
    }

    /// Writes the name of an enum's variant as the one key of a map, its content to follow.
    fn variant(&mut self, variant: &str) {
        self.tagged(MAP, 1);
        self.string(variant);
    }
}

fn varint_len(n: u64) -> usize {
    let mut bytes = Vec::new();
    varint::put(&mut bytes, n);
    bytes.len()
}

struct Compound<'a> {
    writer: &'a mut Writer,
    /// Where the count is written.
    at: usize,
    declared: u64,
    count: u64,
}

impl Compound<'_> {
    fn end(self) -> Result<(), Error> {
        if self.count != self.declared {
            let mut count = Vec::new();
            varint::put(&mut count, self.count);
            let old = self.at..self.at + varint_len(self.declared);
            self.writer.out.splice(old, count);
        }
        Ok(())
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.count += 1;
        value.serialize(&mut *self.writer)
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        if v >= 0 {
            return self.serialize_u64(v as u64);
        }
        self.out.push(NEG);
        varint::put_signed(&mut self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.tagged(UINT, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(FLOAT);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.tagged(SEQ, v.len() as u64);
        for &b in v {
            self.tagged(UINT, b.into());
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound(SEQ, len))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.compound(SEQ, Some(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.compound(SEQ, Some(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.compound(SEQ, Some(len)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound(MAP, len))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        Ok(self.compound(MAP, Some(len)))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant(variant);
        Ok(self.compound(MAP, Some(len)))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.item(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.item(key)?;
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.item(key)?;
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

struct Reader<'de> {
    bytes: &'de [u8],
    at: usize,
    /// The strings read in full so far, by their number.
    strings: Vec<&'de str>,
    depth: u32,
}

impl<'de> Reader<'de> {
    fn error(&self, what: &str) -> Error {
        Error(format!("{what} at byte {}", self.at))
    }

    fn peek(&self) -> Result<u8, Error> {
        self.bytes
            .get(self.at)
            .copied()
            .ok_or_else(|| self.error("the file ends early"))
    }

    fn byte(&mut self) -> Result<u8, Error> {
        let b = self.peek()?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, Error> {
        varint::read(self.bytes, &mut self.at).ok_or_else(|| self.error("the file ends early"))
    }

    /// A length or count, which cannot exceed the bytes left (each item takes one at least).
    fn len(&mut self) -> Result<usize, Error> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.at) as u64 {
            return Err(self.error("the file ends early (a length runs past it)"));
        }
        Ok(n as usize)
    }

    fn take(&mut self, n: usize) -> Result<&'de [u8], Error> {
        let bytes = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| self.error("the file ends early"))?;
        self.at += n;
        Ok(bytes)
    }

    fn float(&mut self) -> Result<f64, Error> {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(self.take(8)?);
        Ok(f64::from_le_bytes(bytes))
    }

    /// The string that `tag` (just read) starts.
    fn string(&mut self, tag: u8) -> Result<&'de str, Error> {
        if tag == AGAIN {
            let n = self.varint()?;
            return usize::try_from(n)
                .ok()
                .and_then(|n| self.strings.get(n).copied())
                .ok_or_else(|| self.error("a string that was never written"));
        }
        let len = self.len()?;
        let s = std::str::from_utf8(self.take(len)?)
            .map_err(|_| self.error("a string that is not UTF-8"))?;
        self.strings.push(s);
        Ok(s)
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > DEPTH_MAX {
            return Err(self.error("lists nested too deeply"));
        }
        Ok(())
    }

    /// Reads past one value (its strings counted, as later ones may refer to them).
    fn skip(&mut self) -> Result<(), Error> {
        match self.byte()? {
            NULL | FALSE | TRUE => {}
            UINT | NEG => {
                self.varint()?;
            }
            FLOAT => {
                self.take(8)?;
            }
            tag @ (STR | AGAIN) => {
                self.string(tag)?;
            }
            tag @ (SEQ | MAP) => {
                let items = self.len()? * if tag == MAP { 2 } else { 1 };
                self.enter()?;
                for _ in 0..items {
                    self.skip()?;
                }
                self.depth -= 1;
            }
            _ => return Err(self.unknown_tag()),
        }
        Ok(())
    }

    /// Hands `visit` the items of the sequence or map whose tag was just read; all must be read.
    fn items<T>(
        &mut self,
        visit: impl FnOnce(Items<'_, 'de>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut left = self.len()?;
        self.enter()?;
        let value = visit(Items {
            reader: &mut *self,
            left: &mut left,
        })?;
        self.depth -= 1;
        if left != 0 {
            return Err(self.error("a list longer than its type"));
        }
        Ok(value)
    }

    /// A value of another kind than the type reads (`tag` just read).
    #[cold]
    fn expected(&self, tag: u8, what: &str) -> Error {
        let found = match tag {
            NULL => "null",
            FALSE | TRUE => "a boolean",
            UINT | NEG => "an integer",
            FLOAT => "a float",
            STR | AGAIN => "a string",
            SEQ => "a sequence",
            MAP => "a map",
            _ => return self.unknown_tag(),
        };
        Error(format!(
            "{what} expected, {found} found at byte {}",
            self.at - 1
        ))
    }

    fn unknown_tag(&self) -> Error {
        Error(format!(
            "an unknown value type {} at byte {}",
            self.bytes[self.at - 1],
            self.at - 1
        ))
    }
}

/// Each kind of value has a reader of its own, as in serde_json, so that a type's reading
/// carries only its own branch: forwarding every kind to `deserialize_any` would copy each
/// visitor's every method into each type's reading (measured: more code than serde_json's
/// parser, which this replaces).
impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            NULL => visitor.visit_unit(),
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            UINT => visitor.visit_u64(self.varint()?),
            NEG => visitor.visit_i64(varint::unzigzag(self.varint()?)),
            FLOAT => visitor.visit_f64(self.float()?),
            tag @ (STR | AGAIN) => visitor.visit_borrowed_str(self.string(tag)?),
            SEQ => self.items(|items| visitor.visit_seq(items)),
            MAP => self.items(|items| visitor.visit_map(items)),
            _ => Err(self.unknown_tag()),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            tag => Err(self.expected(tag, "true or false")),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            UINT => visitor.visit_u64(self.varint()?),
            tag => Err(self.expected(tag, "an unsigned integer")),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            UINT => visitor.visit_u64(self.varint()?),
            NEG => visitor.visit_i64(varint::unzigzag(self.varint()?)),
            tag => Err(self.expected(tag, "an integer")),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            FLOAT => visitor.visit_f64(self.float()?),
            // JSON's 1 is an integer to serde_json: build.rs packs it as one.
            UINT => visitor.visit_u64(self.varint()?),
            NEG => visitor.visit_i64(varint::unzigzag(self.varint()?)),
            tag => Err(self.expected(tag, "a number")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            tag @ (STR | AGAIN) => visitor.visit_borrowed_str(self.string(tag)?),
            tag => Err(self.expected(tag, "a string")),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            NULL => visitor.visit_unit(),
            tag => Err(self.expected(tag, "null")),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            SEQ => self.items(|items| visitor.visit_seq(items)),
            tag => Err(self.expected(tag, "a sequence")),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            MAP => self.items(|items| visitor.visit_map(items)),
            tag => Err(self.expected(tag, "a map")),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_i64(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u64(visitor)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek()? == NULL {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.byte()? {
            tag @ (STR | AGAIN) => {
                let name = self.string(tag)?;
                visitor.visit_enum(de::value::BorrowedStrDeserializer::new(name))
            }
            MAP if self.varint()? == 1 => {
                self.enter()?;
                let value = visitor.visit_enum(Variant { reader: &mut *self })?;
                self.depth -= 1;
                Ok(value)
            }
            _ => Err(Error(format!(
                "not a variant's name or a map of one at byte {}",
                self.at - 1
            ))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip()?;
        visitor.visit_unit()
    }
}

/// The items of a sequence or map being read; `left` counts down.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    left: &'a mut usize,
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if *self.left == 0 {
            return Ok(None);
        }
        *self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(*self.left)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if *self.left == 0 {
            return Ok(None);
        }
        *self.left -= 1;
        seed.deserialize(&mut *self.reader).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.reader)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(*self.left)
    }
}

/// An enum's variant written as a map of one entry: its name, then its content.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(&mut *self.reader)?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<(), Error> {
        <()>::deserialize(self.reader)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.reader)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self.reader, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self.reader, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    enum Shape {
        Dot,
        Circle(f64),
        Pair(u8, i32),
        Box { w: u32, h: u32 },
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Sample {
        name: String,
        again: String,
        count: usize,
        below: i64,
        ratio: f64,
        flag: bool,
        none: Option<u32>,
        some: Option<String>,
        shapes: Vec<Shape>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        skipped: Vec<u8>,
    }

    fn sample() -> Sample {
        Sample {
            name: "Sudzha".into(),
            again: "Sudzha".into(),
            count: 300_000,
            below: -42,
            ratio: 51.19055,
            flag: true,
            none: None,
            some: Some("é ünïcode".into()),
            shapes: vec![
                Shape::Dot,
                Shape::Circle(-0.5),
                Shape::Pair(7, -9),
                Shape::Box { w: 3, h: 4 },
            ],
            skipped: Vec::new(),
        }
    }

    #[test]
    fn values_read_back_as_written() {
        let bytes = to_bytes(&sample()).unwrap();
        assert_eq!(from_bytes::<Sample>(&bytes).unwrap(), sample());
        // A repeated string is written once.
        assert_eq!(bytes.windows(6).filter(|w| w == b"Sudzha").count(), 1);
    }

    #[test]
    fn json_values_read_as_their_json_does() {
        // What build.rs does: any JSON value in, the types out as from the JSON.
        let json = r#"{"again":"x","below":-42,"count":3,"flag":false,"name":"x","none":null,
            "ratio":1,"shapes":["Dot",{"Circle":2.5},{"Pair":[1,2]},{"Box":{"h":1,"w":2}}],
            "some":"y"}"#;
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let packed: Sample = from_bytes(&to_bytes(&value).unwrap()).unwrap();
        assert_eq!(packed, serde_json::from_str::<Sample>(json).unwrap());
        // And back: the packed form of a typed value reads as the same JSON value.
        let again: serde_json::Value = from_bytes(&to_bytes(&packed).unwrap()).unwrap();
        assert_eq!(again, serde_json::to_value(&packed).unwrap());
    }

    #[test]
    fn a_sequence_of_unknown_length_is_counted() {
        struct Unknown(Vec<u64>);
        impl Serialize for Unknown {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use ser::SerializeSeq;
                let mut seq = s.serialize_seq(None)?;
                for n in &self.0 {
                    seq.serialize_element(n)?;
                }
                seq.end()
            }
        }
        let many: Vec<u64> = (0..200).collect();
        let bytes = to_bytes(&Unknown(many.clone())).unwrap();
        assert_eq!(from_bytes::<Vec<u64>>(&bytes).unwrap(), many);
    }

    #[test]
    fn damaged_files_say_what_is_wrong() {
        let bytes = to_bytes(&sample()).unwrap();
        let err = |b: &[u8]| from_bytes::<Sample>(b).unwrap_err().to_string();
        assert_eq!(err(b"{\"name\": 1}"), "not a factmap data file");
        let mut newer = bytes.clone();
        newer[4] = VERSION + 1;
        assert_eq!(
            err(&newer),
            format!("format version {}; this build reads version 1", VERSION + 1)
        );
        assert_eq!(err(&bytes[..4]), "the file ends before its format version");
        // Cut anywhere, it is an error, never a panic.
        for end in 5..bytes.len() {
            assert!(from_bytes::<Sample>(&bytes[..end]).is_err(), "cut at {end}");
        }
        assert!(err(&bytes[..bytes.len() - 3]).contains("ends early"));
        let mut longer = bytes.clone();
        longer.push(NULL);
        assert!(err(&longer).starts_with("1 bytes follow the value"));
        // Of another shape than the type.
        let list = to_bytes(&vec![1u8]).unwrap();
        assert_eq!(err(&list), "a map expected, a sequence found at byte 5");
        // Any byte changed: an error or a value, never a panic.
        for at in 5..bytes.len() {
            for b in [0u8, 7, 9, 0x80, 0xff] {
                let mut damaged = bytes.clone();
                damaged[at] = b;
                let _ = from_bytes::<Sample>(&damaged);
                let _ = from_bytes::<serde::de::IgnoredAny>(&damaged);
            }
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let mut bytes = MAGIC.to_vec();
        bytes.push(VERSION);
        for _ in 0..100_000 {
            bytes.extend_from_slice(&[SEQ, 1]);
        }
        bytes.push(NULL);
        assert!(from_bytes::<serde::de::IgnoredAny>(&bytes).is_err());
        assert!(from_bytes::<serde_json::Value>(&bytes).is_err());
    }
}

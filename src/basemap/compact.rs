//! The base map as the page embeds it: `public/basemap.json`'s topologies in a compact binary
//! form that build.rs writes (`compact_basemap`) and [`Basemap::decode_compact`] reads. The
//! same integers as the JSON, as varints: a quarter smaller under gzip than the JSON, and read
//! without a JSON parser's code in the page.
//!
//! Layout: `FMB` and the format version (one byte, as `format` in the JSON); then the `world`
//! topology with its `countries`, and the `region` topology with its `countries` and `admin1`.
//! A topology is its transform (scale x, y, translate x, y: little-endian f64), the number of
//! arcs, and each arc as its number of points and the points' quantized deltas (zigzag
//! varints); then each object in turn as its number of features, and each feature as its name,
//! ISO code and admin-1 code (varint length and UTF-8; the code empty for a country), a
//! `partial` byte, and its polygons: count, then per polygon its rings, per ring its arc
//! references (zigzag, `!i` for arc i reversed).

use geojson::{Geometry, GeometryValue, Position};

use super::{topojson, Area, AreaKind, Basemap, BasemapError, FORMAT_VERSION};
use crate::varint;

impl Basemap {
    /// Reads the compact form. A damaged file is an error, never a partial map.
    pub fn decode_compact(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(3)? != b"FMB" {
            return Err(BasemapError::Damaged);
        }
        let version = u32::from(r.take(1)?[0]);
        if version != FORMAT_VERSION {
            return Err(BasemapError::UnsupportedVersion(version));
        }
        let world = r.arcs()?;
        let world = r.areas(&world, "countries", AreaKind::Country)?;
        let region = r.arcs()?;
        let countries = r.areas(&region, "countries", AreaKind::Country)?;
        let admin1 = r.areas(&region, "admin1", AreaKind::Admin1)?;
        if r.at != bytes.len() {
            return Err(BasemapError::Damaged);
        }
        Ok(Basemap {
            world,
            countries,
            admin1,
        })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], BasemapError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(BasemapError::Damaged)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn varint(&mut self) -> Result<u64, BasemapError> {
        varint::read(self.bytes, &mut self.at).ok_or(BasemapError::Damaged)
    }

    fn zigzag(&mut self) -> Result<i64, BasemapError> {
        Ok(varint::unzigzag(self.varint()?))
    }

    /// A count, bounded by the bytes left (each item takes at least one), so a damaged count
    /// cannot ask for a huge allocation.
    fn count(&mut self) -> Result<usize, BasemapError> {
        usize::try_from(self.varint()?)
            .ok()
            .filter(|&n| n <= self.bytes.len() - self.at)
            .ok_or(BasemapError::Damaged)
    }

    fn f64(&mut self) -> Result<f64, BasemapError> {
        let bytes = self.take(8)?;
        Ok(f64::from_le_bytes(
            bytes.try_into().map_err(|_| BasemapError::Damaged)?,
        ))
    }

    fn text(&mut self) -> Result<String, BasemapError> {
        let n = self.count()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| BasemapError::Damaged)
    }

    /// A topology's arcs in absolute [longitude, latitude], computed as
    /// [`topojson::Topology::decoded_arcs`] does, so both forms give the same numbers.
    fn arcs(&mut self) -> Result<Vec<Vec<[f64; 2]>>, BasemapError> {
        let (sx, sy, tx, ty) = (self.f64()?, self.f64()?, self.f64()?, self.f64()?);
        (0..self.count()?)
            .map(|_| {
                let (mut x, mut y) = (0.0, 0.0);
                (0..self.count()?)
                    .map(|_| {
                        x += self.zigzag()? as f64;
                        y += self.zigzag()? as f64;
                        Ok([x * sx + tx, y * sy + ty])
                    })
                    .collect()
            })
            .collect()
    }

    fn areas(
        &mut self,
        arcs: &[Vec<[f64; 2]>],
        object: &'static str,
        kind: AreaKind,
    ) -> Result<Vec<Area>, BasemapError> {
        (0..self.count()?)
            .map(|index| {
                let (name, country, code) = (self.text()?, self.text()?, self.text()?);
                let partial = match self.take(1)?[0] {
                    0 => false,
                    1 => true,
                    _ => return Err(BasemapError::Damaged),
                };
                let polygons = (0..self.count()?)
                    .map(|_| {
                        (0..self.count()?)
                            .map(|_| {
                                let refs = (0..self.count()?)
                                    .map(|_| {
                                        i32::try_from(self.zigzag()?)
                                            .map_err(|_| BasemapError::Damaged)
                                    })
                                    .collect::<Result<Vec<i32>, _>>()?;
                                let ring = topojson::ring(arcs, &refs)
                                    .ok_or(BasemapError::BadArc { object, index })?;
                                Ok(ring.into_iter().map(Position::from).collect())
                            })
                            .collect::<Result<Vec<Vec<Position>>, BasemapError>>()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Area {
                    kind,
                    name,
                    country,
                    admin1: if kind == AreaKind::Admin1 {
                        code
                    } else {
                        String::new()
                    },
                    partial,
                    geometry: Geometry::new(GeometryValue::MultiPolygon {
                        coordinates: polygons,
                    }),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's embedded copy, written by build.rs.
    const SHIPPED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/basemap.bin"));

    #[test]
    fn the_compact_form_decodes_to_the_same_map_as_the_json() {
        let json = Basemap::decode(include_str!("../../public/basemap.json")).unwrap();
        let compact = Basemap::decode_compact(SHIPPED).unwrap();
        assert_eq!(compact, json);
        assert!(SHIPPED.len() * 3 < include_str!("../../public/basemap.json").len());
    }

    #[test]
    fn a_damaged_file_is_an_error() {
        assert!(matches!(
            Basemap::decode_compact(b""),
            Err(BasemapError::Damaged)
        ));
        assert!(matches!(
            Basemap::decode_compact(b"FMB\x09"),
            Err(BasemapError::UnsupportedVersion(9))
        ));
        for cut in [4, 40, SHIPPED.len() / 2, SHIPPED.len() - 1] {
            assert!(
                matches!(
                    Basemap::decode_compact(&SHIPPED[..cut]),
                    Err(BasemapError::Damaged)
                ),
                "cut at {cut}"
            );
        }
        let mut longer = SHIPPED.to_vec();
        longer.push(0);
        assert!(matches!(
            Basemap::decode_compact(&longer),
            Err(BasemapError::Damaged)
        ));
    }
}

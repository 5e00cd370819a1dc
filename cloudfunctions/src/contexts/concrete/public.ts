// What other contexts (and the CLI) may use of concrete tracing: the check-in site kind of a pour; the trace rebuild.
export { POUR_SITE_KIND } from './witness-presence';
export { rebuildTraces, type RebuildReport } from './trace-rebuild';

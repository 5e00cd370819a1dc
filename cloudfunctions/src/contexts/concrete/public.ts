// What other contexts may use of concrete tracing: the check-in site kind of a pour.
export { POUR_SITE_KIND } from './witness-presence';

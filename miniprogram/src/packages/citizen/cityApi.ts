/**
 * The city API bound to the app's client. It lives in the citizen subpackage; the patrol and chief
 * subpackages import it too, and the weapp build copies such shared modules into each subpackage's
 * `sub-common` (never into the main package).
 */
import { api } from '../../services/client';
import { createCityApi } from '../../services/city/api';

export const cityApi = createCityApi(api);

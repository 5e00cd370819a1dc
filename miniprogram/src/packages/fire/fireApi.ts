/** The fire API bound to the app's client (in the subpackage so the main package stays small). */
import { api } from '../../services/client';
import { createFireApi } from '../../services/fire/api';

export const fireApi = createFireApi(api);

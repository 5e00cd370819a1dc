/** The check-in API bound to the app's client (in the subpackage so the main package stays small). */
import { api } from '../../services/client';
import { createCheckinApi } from '../../services/checkin/api';

export const checkinApi = createCheckinApi(api);

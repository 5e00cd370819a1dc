/** The concrete API bound to the app's client (in the subpackage so the main package stays small). */
import { api } from '../../services/client';
import { createConcreteApi } from '../../services/concrete/api';

export const concreteApi = createConcreteApi(api);

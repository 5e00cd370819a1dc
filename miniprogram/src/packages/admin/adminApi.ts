import { api } from '../../services/client';
import { createAdminApi } from '../../services/admin/api';

export const adminApi = createAdminApi(api);

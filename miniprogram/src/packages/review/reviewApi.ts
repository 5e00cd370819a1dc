/** The review API bound to the app's client (in the subpackage so the main package stays small). */
import { api } from '../../services/client';
import { createReviewApi } from '../../services/review/api';

export const reviewApi = createReviewApi(api);

/**
 * 基坑项目登记与设置: the typed API of the onboarding pages (shared/src/pit/onboard.contract.ts, types only).
 */
import type {
  ConfigBody,
  CreateProjectBody,
  DeviceKeyOnce,
  DeviceView,
  EditProjectBody,
  LifecycleBody,
  PartiesBody,
  PitSetupView,
  PlanBody,
  PointImportOutcome,
  RegisterDeviceBody,
} from '@cityloop/shared/pit/onboard.contract';
import type { Api } from '../api';

export type { DeviceKeyOnce, DeviceView, PitSetupView, PointImportOutcome };
export type OnboardTown = { cityId: string; townId: string; name: string };

type ApiLike = Pick<Api, 'get' | 'post' | 'put' | 'getWithPolicies'>;

export function createOnboardApi(api: ApiLike) {
  const seg = encodeURIComponent;
  const project = (id: string) => `/api/pit/projects/${seg(id)}`;
  return {
    towns: () => api.get<OnboardTown[]>('/api/pit/onboard/towns'),
    create: (body: CreateProjectBody) => api.post<PitSetupView>('/api/pit/projects', body),
    setup: (id: string) => api.get<PitSetupView>(`${project(id)}/setup`),
    /** with `policies`: which sections this person may change (pit.setup, pit.device) */
    setupWithPolicies: (id: string) => api.getWithPolicies<PitSetupView>(`${project(id)}/setup`),
    editInfo: (id: string, body: EditProjectBody) => api.put<PitSetupView>(`${project(id)}/info`, body),
    parties: (id: string, body: PartiesBody) => api.put<PitSetupView>(`${project(id)}/parties`, body),
    config: (id: string, body: ConfigBody) => api.put<PitSetupView>(`${project(id)}/config`, body),
    plan: (id: string, body: PlanBody) => api.put<PitSetupView>(`${project(id)}/plan`, body),
    lifecycle: (id: string, body: LifecycleBody) => api.post<PitSetupView>(`${project(id)}/lifecycle`, body),
    /** The point spreadsheet goes to the ingest function (files up to a few MB). */
    importPoints: (id: string, body: { fileName: string; contentBase64: string; version: number }) => api.post<PointImportOutcome>(`/api/ingest/pit/projects/${seg(id)}/points/import`, body),
    registerDevice: (id: string, body: RegisterDeviceBody) => api.post<DeviceKeyOnce>(`${project(id)}/devices`, body),
    rotateDevice: (deviceId: string) => api.post<DeviceKeyOnce>(`/api/pit/devices/${seg(deviceId)}/rotate`, {}),
    revokeDevice: (deviceId: string) => api.post<DeviceView>(`/api/pit/devices/${seg(deviceId)}/revoke`, {}),
  };
}
export type OnboardApi = ReturnType<typeof createOnboardApi>;

const q = encodeURIComponent;
export const ONBOARD_PAGES = {
  create: '/packages/pit/pages/onboard/index',
  setup: (id: string) => `/packages/pit/pages/setup/index?id=${q(id)}`,
};

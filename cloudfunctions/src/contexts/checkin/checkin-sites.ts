import { notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { CheckinSite } from '@cityloop/shared/checkin/checkin.types';
import type { Deps } from '../../platform/deps';
import { system } from '../../platform/system';

/**
 * The site as its domain declares it (`checkinSites` of its module), or 404 when the kind, the site or the actor's
 * place at it is unknown. `allowWithoutRole`: a regulator reading a site's list has no role there.
 */
export async function resolveSite(deps: Deps, siteKind: string, siteId: string, actor: NonNullable<Actor>): Promise<CheckinSite> {
  const resolver = system().checkinSites.get(siteKind);
  if (!resolver) throw notFound(`没有“${siteKind}”这类签到场所`, 'site_kind_unknown');
  const site = await resolver(deps, siteId, actor);
  if (!site) throw notFound('签到场所不存在', 'site_not_found');
  return site;
}

/** The site, only if the actor has a role there (who may check in). */
export async function siteForCheckin(deps: Deps, siteKind: string, siteId: string, actor: NonNullable<Actor>): Promise<CheckinSite & { role: string }> {
  const site = await resolveSite(deps, siteKind, siteId, actor);
  if (!site.role) throw notFound('您不是该场所的参与人员，无需在此签到', 'site_not_found');
  return site as CheckinSite & { role: string };
}

import type { SessionUser } from '../../services/types';
import { PIT_PARTY_ROLES, PIT_PROJECTS_PAGE, canSeePit } from '../../services/pit-access';
import { CHECKIN_PAGE } from '../../services/checkin/view-model';
import { EXPERT_WORK_PAGE, REVIEW_HOME_PAGE, canSeeReviews } from '../../services/review-access';
import { SHOP_HOME_PAGE, SHOP_NEW_PAGE, canRegisterShop, canSeeShop } from '../../services/plaque-access';
import { CONCRETE_HUB_PAGE, canSeeConcrete } from '../../services/concrete-access';
import { FIRE_EVENTS_PAGE, FIRE_PROJECTS_PAGE, canSeeFireEvents, canSeeFireProjects } from '../../services/fire-access';
import { ADMIN_PAGES, CITY_DATA_PAGE, CITY_PAGES, canManageCityData, isAreaChief, isCityAdmin, isPatroller, showsCaseWorkEntry } from '../../services/city-access';
import { PROFILE_PAGE } from '../../services/links';

export type HomeShortcut = { id: string; icon: string; label: string; url: string };

/**
 * The home page's 常用 entries (after 我的消息) for this person, in order: what everyone has, then each role's
 * work. `expert`: the person is in the review expert library (experts hold no role binding).
 */
export function homeShortcuts(user: SessionUser | null, expert: boolean): HomeShortcut[] {
  const all: (HomeShortcut | false)[] = [
    !!user && { id: 'home-profile', icon: '我', label: '我的（个人资料）', url: PROFILE_PAGE },
    !!user && { id: 'home-my-cases', icon: '报', label: '我的上报', url: CITY_PAGES.myCases },
    { id: 'home-report-here', icon: '拍', label: '随手拍（无码按位置上报）', url: CITY_PAGES.reportByLocation },
    isPatroller(user) && { id: 'home-patrol', icon: '巡', label: '今日巡查', url: CITY_PAGES.patrolToday },
    isAreaChief(user) && { id: 'home-chief', icon: '片', label: '片长工作台', url: CITY_PAGES.queue() },
    showsCaseWorkEntry(user) && { id: 'home-case-work', icon: '办', label: '案件办理', url: CITY_PAGES.queue() },
    isCityAdmin(user) && { id: 'home-admin-classes', icon: '类', label: '分类与时限', url: ADMIN_PAGES.classes },
    isCityAdmin(user) && { id: 'home-admin-calendar', icon: '历', label: '工作日历', url: ADMIN_PAGES.calendar },
    canManageCityData(user) && { id: 'home-city-data', icon: '数', label: '网格、片长与设施', url: CITY_DATA_PAGE },
    canSeePit(user) && { id: 'home-pit', icon: '坑', label: '基坑监测', url: PIT_PROJECTS_PAGE },
    !!user?.roles?.some((r) => (PIT_PARTY_ROLES as readonly string[]).includes(r.role)) && { id: 'home-checkin', icon: '签', label: '现场签到人脸登记', url: CHECKIN_PAGE },
    canSeeFireProjects(user) && { id: 'home-fire', icon: '消', label: '消防检测', url: FIRE_PROJECTS_PAGE },
    canSeeFireEvents(user) && { id: 'home-fire-events', icon: '警', label: '消防检测预警', url: FIRE_EVENTS_PAGE },
    canSeeConcrete(user) && { id: 'home-concrete', icon: '砼', label: '预拌混凝土', url: CONCRETE_HUB_PAGE },
    canSeeReviews(user) && { id: 'home-review', icon: '危', label: '危大工程专家论证', url: REVIEW_HOME_PAGE },
    !!user && expert && { id: 'home-expert', icon: '专', label: '我的论证邀请', url: EXPERT_WORK_PAGE },
    canRegisterShop(user) && { id: 'home-shop-new', icon: '登', label: '登记商户', url: SHOP_NEW_PAGE },
    canSeeShop(user) && { id: 'home-shop', icon: '牌', label: '我的责任牌', url: SHOP_HOME_PAGE },
  ];
  return all.filter((s): s is HomeShortcut => !!s);
}

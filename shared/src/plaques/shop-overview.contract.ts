/**
 * GET /api/shop-grades: the regulator's view of the shops with a 责任牌 — how many in each grade (A/B/C/D),
 * per town (every town of the caller's area, zeros included), and the worst shops first. Types only.
 */
import type { Grade } from './score';

export type GradeCounts = Record<Grade, number>;

export interface ShopOverviewTown {
  townId: string;
  townName: string;
  total: number;
  grades: GradeCounts;
}

export interface ShopOverviewShop {
  id: string;
  name: string;
  address: string;
  score: number;
  grade: Grade;
  townName: string | null;
  gridName: string | null;
}

export interface ShopOverview {
  total: number;
  grades: GradeCounts;
  towns: ShopOverviewTown[];
  /** the lowest grades first, then the lowest scores */
  worst: ShopOverviewShop[];
}

import { Text } from '@tarojs/components';
import { GRADE_COLORS, gradeLabel, gradeOf } from '../../../services/plaque/view-model';

/** A/B/C/D pill in the grade colour; `data-grade` lets tests read the grade. */
export function GradeBadge({ id, grade, large }: { id?: string; grade: string; large?: boolean }) {
  const g = gradeOf(grade);
  return (
    <Text id={id} className={`plaque-grade-badge${large ? ' plaque-grade-badge--large' : ''}`} data-grade={g} style={{ background: GRADE_COLORS[g] }}>
      {gradeLabel(grade)}
    </Text>
  );
}

import { Text, View } from '@tarojs/components';
import { CLASS_KIND_LABELS, classOption, classOptions, sameClassOpenCase, workingHoursText } from '../../../services/city/view-model';
import { type ClassKind, type OpenCaseBrief } from '../../../services/city/api';

const KIND_HINTS: Record<ClassKind, string> = { component: '设施损坏、缺失', event: '环境卫生、占道等' };

/**
 * 部件/事件 then the small class, as big tap targets, with the class's filing standard as guidance
 * (category first, with guidance: docs/domain/city.md §3.5). Ids: `#<p>-kind` with `.<p>-kind-option[data-kind]`,
 * `#<p>-class` with `.<p>-class-option[data-code]`, `#<p>-class-hint`.
 */
export function ClassPicker({
  idPrefix,
  kind,
  classCode,
  onChange,
  openCases,
}: {
  idPrefix: string;
  kind: ClassKind;
  classCode: string;
  onChange: (kind: ClassKind, classCode: string) => void;
  openCases?: OpenCaseBrief[];
}) {
  const options = classOptions(kind);
  const selected = classOption(kind, classCode);
  return (
    <View className='city-class-picker'>
      <View id={`${idPrefix}-kind`} className='city-segment' data-kind={kind}>
        {(['component', 'event'] as ClassKind[]).map((k) => (
          <View
            key={k}
            className={`city-segment-item ${idPrefix}-kind-option${k === kind ? ' is-active' : ''}`}
            data-kind={k}
            hoverClass='city-pressed'
            onClick={() => k !== kind && onChange(k, '')}
          >
            <View className='city-segment-label'>{CLASS_KIND_LABELS[k]}</View>
            <View className='city-segment-hint'>{KIND_HINTS[k]}</View>
          </View>
        ))}
      </View>
      <View id={`${idPrefix}-class`} className='city-options' data-code={classCode}>
        {options.map((o) => {
          const open = sameClassOpenCase(openCases, kind, o.code);
          return (
            <View
              key={o.code}
              className={`city-option ${idPrefix}-class-option${o.code === classCode ? ' is-active' : ''}`}
              data-code={o.code}
              hoverClass='city-pressed'
              onClick={() => onChange(kind, o.code)}
            >
              <Text>{o.name}</Text>
              {open ? <Text className='city-option-flag'>处理中</Text> : null}
            </View>
          );
        })}
      </View>
      {selected ? (
        <View id={`${idPrefix}-class-hint`} className='city-hint'>
          <View>
            <Text className='city-hint-label'>立案标准：</Text>
            {selected.fileCondition}
          </View>
          <View>
            <Text className='city-hint-label'>处置时限：</Text>
            {workingHoursText(selected.normalHours)}；紧急问题 {workingHoursText(selected.urgentHours)}
          </View>
        </View>
      ) : null}
    </View>
  );
}

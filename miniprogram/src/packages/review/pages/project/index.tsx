import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { PARTICIPANT_ROLE_LABELS, SCHEME_STATE_LABELS, type SchemeState } from '@cityloop/shared/dangerous-works/review.limits';
import { schemePage, type DwProjectDetail } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

/** One registered project: its participants, each sub-item's level and what it needs, and the scheme of each 危大 item. */
export default function DwProjectPage() {
  const id = pageParam(useRouter().params.id) ?? '';
  const [p, setP] = useState<DwProjectDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    reviewApi.project(id).then((x) => setP(x.data), (e) => setError(errorMessage(e)));
  });
  return (
    <Page className='dw-project-page'>
      <ErrorText id='dw-project-error' message={error} />
      {!p && !error ? <View className='loading-text'>正在加载…</View> : null}
      {p ? (
        <View>
          <View className='card'>
            <View className='review-title'>{p.name}</View>
            <View className='review-sub'>{p.address}</View>
            <Text id='dw-project-level' className='review-state'>{p.projectLevel}</Text>
            {p.participants.map((x) => (
              <View key={x.role} className='muted'>
                {PARTICIPANT_ROLE_LABELS[x.role] ?? x.role}：{x.org}
              </View>
            ))}
          </View>
          {p.items.map((it) => {
            const s = p.schemes.find((x) => x.itemId === it.id);
            return (
              <View key={it.id} className='card dw-item' id={`dw-item-${it.id}`} data-level={it.level}>
                <View className='row'>
                  <Text className='review-title'>{it.name}</Text>
                  <View className='spacer' />
                  <Text className='review-state dw-item-level'>{it.level}</Text>
                </View>
                <View className='review-sub'>{it.categoryLabel}</View>
                <View className='dw-item-needs'>需要：{p.needs.find((n) => n.itemId === it.id)?.needs}</View>
                {s ? (
                  <View className='review-link dw-item-scheme' onClick={() => void navigateTo(schemePage(s.id))}>
                    专项施工方案：{SCHEME_STATE_LABELS[s.state as SchemeState] ?? s.state} ›
                  </View>
                ) : null}
              </View>
            );
          })}
        </View>
      ) : null}
    </Page>
  );
}

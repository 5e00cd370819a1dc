import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '../../../services/api';
import { navigateTo } from '../../../services/adapters/taro';
import { reviewPage, type ExpertPublic } from '../../../services/review/api';
import { beijingField, beijingToIso } from '../../../services/review/form-rules';
import { reviewApi } from '../reviewApi';

/**
 * 申请专家论证 (contractor, an approved 超规模 scheme): the meeting's time and venue (the venue's position is the
 * sign-in geofence's centre; the project's site unless given), and the experts with a declared conflict
 * (the scheme's authors, close relatives) whom the draw must pass over.
 */
export function ApplyReviewForm({ schemeId, version, site }: { schemeId: string; version: number; site: { lng: number; lat: number } | null }) {
  const [when, setWhen] = useState(beijingField(Date.now() + 24 * 3_600_000));
  const [venue, setVenue] = useState('');
  const [experts, setExperts] = useState<ExpertPublic[]>([]);
  const [conflicts, setConflicts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    reviewApi.experts().then(setExperts, () => setExperts([]));
  }, []);
  const submit = async () => {
    const meetingAt = beijingToIso(when);
    if (!meetingAt) return setError('论证会时间格式应为 2026-12-08 09:30');
    if (!site) return setError('项目未登记位置，无法确定会场签到范围');
    setBusy(true);
    setError(null);
    try {
      const r = await reviewApi.applyReview(schemeId, { meetingAt, venue, venueLocation: site, declaredConflicts: conflicts, version });
      await navigateTo(reviewPage(r.data.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (id: string) => setConflicts(conflicts.includes(id) ? conflicts.filter((x) => x !== id) : [...conflicts, id]);
  return (
    <View className='card' id='apply-form'>
      <View className='review-section'>申请专家论证</View>
      <Input id='apply-meeting' className='text-input' placeholder='论证会时间，如 2026-12-08 09:30' value={when} onInput={(e) => setWhen(e.detail.value)} />
      <Input id='apply-venue' className='text-input' placeholder='论证会地点' value={venue} onInput={(e) => setVenue(e.detail.value)} />
      <View className='muted'>申报回避的专家（方案编制人、近亲属等）：</View>
      <View className='review-chips'>
        {experts.map((x) => (
          <Text key={x.id} id={`apply-conflict-${x.id}`} data-name={x.name} className={`review-chip${conflicts.includes(x.id) ? ' review-chip--on' : ''}`} onClick={() => toggle(x.id)}>
            {x.name}
          </Text>
        ))}
      </View>
      {error ? <View id='apply-error' className='error-message'>{error}</View> : null}
      <Button id='apply-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void submit()}>
        提交论证申请
      </Button>
    </View>
  );
}

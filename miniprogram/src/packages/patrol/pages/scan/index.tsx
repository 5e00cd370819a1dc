import { useEffect, useRef, useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { CITY_PAGES } from '../../../../services/city-access';
import { MAX_DESCRIPTION, patrolCodeFrom, validatePatrolCheck } from '../../../../services/city/form-rules';
import { pageParam } from '../../../../services/links';
import { patrolTargetFromCode, type PatrolTarget } from '../../../../services/city/facility-view';
import { type ClassKind, type PatrolCheckResult } from '../../../../services/city/api';
import { checkInPreview } from '../../../../services/city-geo';
import { TARGET_KIND_LABELS, checkProgressText, targetKind } from '../../../../services/city/patrol-target';
import { isH5, navigateTo, scanQrCode, toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { ClassPicker } from '../../../citizen/components/ClassPicker';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { LocationStatus, useLocation } from '../../../citizen/components/LocationStatus';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { cityApi } from '../../../citizen/cityApi';
import '../../../citizen/city.scss';
import './index.scss';
import { PATROL_NOTE_MAX } from '@cityloop/shared/city/case.limits';

/**
 * 巡查签到: scan the facility's code on site → the position (fresh, with its accuracy) → 正常 or 发现问题
 * (a problem opens a case). The server checks the code's signature and the 50 m radius and says why it
 * refuses; that message is shown as is.
 */
export default function PatrolScan() {
  const params = useRouter().params;
  const hint = pageParam(params.facilityId);
  const hintName = pageParam(params.name);
  const hintKind = hint ? targetKind({ id: hint }) : null;
  const user = useSessionUser();
  const h5 = isH5();
  const [link, setLink] = useState('');
  const [facility, setFacility] = useState<PatrolTarget | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [condition, setCondition] = useState<'ok' | 'problem'>('ok');
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<ClassKind>('component');
  const [classCode, setClassCode] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PatrolCheckResult | null>(null);
  const location = useLocation();
  const lookup = useRef(0);

  useLoad(resetScroll);

  // A patrol check-in is about where you stand: ask for the position as soon as the page opens.
  useEffect(() => {
    if (user && location.state.phase === 'idle') void location.locate();
  }, [!!user]);

  const resolve = async (value: string) => {
    const token = patrolCodeFrom(value);
    const gen = ++lookup.current;
    setFacility(null);
    setCodeError(null);
    if (!token) return;
    try {
      const f = patrolTargetFromCode(await cityApi.code(token));
      if (gen !== lookup.current) return;
      if (!f) {
        setCodeError('这不是设施或门前三包责任牌的二维码');
        return;
      }
      setFacility(f);
      // A facility's problem is usually its own component; at a shop it is usually an event (店外经营…).
      setKind(f.kind === 'facility' && f.classCode ? 'component' : 'event');
      setClassCode(f.kind === 'facility' ? f.classCode : '');
    } catch (e) {
      if (gen === lookup.current) setCodeError(errorMessage(e));
    }
  };

  const onLink = (value: string) => {
    setLink(value);
    setError(null);
    setResult(null);
    void resolve(value);
  };

  const scan = async () => {
    setError(null);
    try {
      const r = await scanQrCode();
      onLink(r.result);
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? e);
      if (!/cancel/i.test(msg)) setError('扫码失败，请重试');
    }
  };

  const reset = () => {
    lookup.current++;
    setLink('');
    setFacility(null);
    setCodeError(null);
    setCondition('ok');
    setNote('');
    setDescription('');
    setPhotos([]);
    setResult(null);
    setError(null);
  };

  const submit = async () => {
    if (submitting) return;
    const invalid = validatePatrolCheck({ code: link, condition, kind, classCode, description, photos: photos.length, uploading });
    if (invalid) {
      setError(invalid);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      // Always a fresh fix: the patroller may have walked since the page opened.
      const fix = await location.locate();
      if (!fix) {
        setError('需要您当前的位置才能签到，请允许定位后重试');
        return;
      }
      const r = await cityApi.patrolCheck({
        code: link.trim(),
        location: { lng: fix.lng, lat: fix.lat, accuracy: Math.round(fix.accuracy) },
        condition,
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(condition === 'problem' ? { photos: photos.map((p) => p.sha256), problem: { kind, classCode, description: description.trim() } } : {}),
      });
      setResult(r);
      toast(r.condition === 'problem' ? '已签到并上报问题' : '巡查已记录', 'success');
      scrollToTop();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const preview = checkInPreview(facility?.location, location.fix);

  return (
    <Page className='city-patrol-scan-page'>
      <CityLoginGate why='巡查签到仅向巡查员开放'>
        {result ? (
          <View id='patrol-result' className='city-success' data-condition={result.condition} data-distance={result.distanceM}>
            <View className='city-success-title'>{result.condition === 'problem' ? '已签到，问题已上报' : '巡查已记录'}</View>
            <View>
              {result.facility} · 距离约 {result.distanceM} 米
            </View>
            {result.progress ? (
              <View id='patrol-progress' className='patrol-progress' data-done={result.progress.done} data-counted={result.progress.counted ? '1' : '0'}>
                {checkProgressText(result.progress)}
              </View>
            ) : null}
            {result.caseId ? (
              <Text id='patrol-case-link' className='city-link patrol-case-link' onClick={() => void navigateTo(CITY_PAGES.staffCase(result.caseId!)).catch(() => undefined)}>
                查看生成的案件 ›
              </Text>
            ) : null}
            <Button id='patrol-next' className='btn-block' type='primary' fill='outline' onClick={reset}>
              继续巡查下一处
            </Button>
          </View>
        ) : null}

        <View className='card'>
          <View className='city-label'>1. 扫描设施或责任牌二维码</View>
          {h5 ? (
            <Input id='patrol-code-input' className='text-input' value={link} placeholder='粘贴码上的链接 https://…/c/…' onInput={(e) => onLink(e.detail.value)} />
          ) : (
            <Button id='patrol-scan-button' className='btn-block patrol-scan-button' type='primary' size='large' block onClick={() => void scan()}>
              {link ? '重新扫码' : '扫一扫'}
            </Button>
          )}
          {hint && hintKind ? (
            <View id='patrol-target' className='city-note patrol-target' data-id={hint} data-kind={hintKind}>
              本次任务：{hintName || `该${TARGET_KIND_LABELS[hintKind]}`}（{TARGET_KIND_LABELS[hintKind]}）
              {facility ? null : hintKind === 'shop' ? '。请到现场扫描商户门前的责任牌二维码' : '。请到现场扫描设施上的二维码'}
            </View>
          ) : null}
          {hint && facility && facility.id !== hint ? (
            <View id='patrol-target-other' className='city-note patrol-target-other'>
              扫到的是“{facility.name}”，不是本次任务的{TARGET_KIND_LABELS[hintKind ?? 'facility']}；签到会记在“{facility.name}”上
            </View>
          ) : null}
          {facility ? (
            <View id='patrol-facility' className='city-hint patrol-facility' data-id={facility.id} data-kind={facility.kind}>
              <View className='patrol-facility-name'>{facility.name}</View>
              <View>
                {facility.detail}
                {facility.openCases.length ? ` · 处理中问题 ${facility.openCases.length} 件` : ''}
              </View>
            </View>
          ) : null}
          <ErrorText id='patrol-code-error' message={codeError} />

          <View className='city-label'>2. 确认位置</View>
          <LocationStatus id='patrol-location' state={location.state} onRetry={() => void location.locate()} purpose={`巡查须在${TARGET_KIND_LABELS[facility?.kind === 'plaque' || hintKind === 'shop' ? 'shop' : 'facility']} 50 米范围内签到；提交时会重新定位`} />
          {preview ? (
            <View id='patrol-distance' className={`patrol-distance${preview.ok ? ' is-ok' : ' is-far'}`} data-ok={preview.ok ? '1' : '0'} data-metres={Math.round(preview.metres)}>
              {preview.text}
            </View>
          ) : null}

          <View className='city-label'>3. 现场情况</View>
          <View className='city-choices'>
            <View id='patrol-condition-ok' className={`city-choice${condition === 'ok' ? ' is-pass' : ''}`} data-on={condition === 'ok' ? '1' : '0'} onClick={() => setCondition('ok')}>
              正常
            </View>
            <View id='patrol-condition-problem' className={`city-choice${condition === 'problem' ? ' is-fail' : ''}`} data-on={condition === 'problem' ? '1' : '0'} onClick={() => setCondition('problem')}>
              发现问题
            </View>
          </View>

          {condition === 'problem' ? (
            <View id='patrol-problem'>
              <View className='city-label'>问题类别</View>
              <ClassPicker
                idPrefix='patrol'
                kind={kind}
                classCode={classCode}
                onChange={(k, code) => {
                  setKind(k);
                  setClassCode(code);
                }}
                openCases={facility?.openCases}
              />
              <View className='city-label'>问题描述</View>
              <Textarea
                id='patrol-description'
                className='city-textarea'
                value={description}
                maxlength={MAX_DESCRIPTION}
                placeholder='请描述发现的问题（至少 4 个字）'
                onInput={(e) => setDescription(e.detail.value)}
              />
              <View className='city-label'>现场照片</View>
              <PhotoPicker idPrefix='patrol-photo' items={photos} onChange={setPhotos} onBusyChange={setUploading} />
            </View>
          ) : (
            <View>
              <View className='city-label'>备注（选填）</View>
              <Input id='patrol-note' className='text-input' value={note} maxlength={PATROL_NOTE_MAX} placeholder='如：设施完好' onInput={(e) => setNote(e.detail.value)} />
            </View>
          )}

          <ErrorText id='patrol-error' message={error} />
          <Button id='patrol-submit' className='btn-block' type='primary' size='large' block loading={submitting} disabled={uploading} onClick={() => void submit()}>
            {condition === 'problem' ? '签到并上报问题' : '签到：设施正常'}
          </Button>
        </View>
      </CityLoginGate>
    </Page>
  );
}

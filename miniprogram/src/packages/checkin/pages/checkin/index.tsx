import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage, ApiError } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { isH5, navigateTo, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { missingStep, parseCheckinParams, resultLine, safeMasked, type CheckinListView, type CheckinView, type EnrolmentView, type FaceSessionView } from '../../../../services/checkin/view-model';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { LocationStatus, useLocation } from '../../../citizen/components/LocationStatus';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { EnrolForm } from '../../components/EnrolForm';
import { requestFacialVerify } from '../../face-adapter';
import { checkinApi } from '../../checkinApi';
import '../../../citizen/city.scss';
import './index.scss';

/**
 * 现场签到 — the one check-in page every domain links to (`?siteKind=&siteId=&direction=in|out&back=`): position
 * with its accuracy, a site photo, the face step (WeChat face verification in the mini-program when configured,
 * a photo compared with the enrolled one otherwise), then the server's verdict. Without a site: enrolment only.
 */
export default function CheckinPage() {
  const target = parseCheckinParams(useRouter().params);
  const user = useSessionUser();
  const location = useLocation();
  const [enrolment, setEnrolment] = useState<EnrolmentView | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [site, setSite] = useState<CheckinListView | null>(null);
  const [face, setFace] = useState<FaceSessionView | null>(null);
  const [direction, setDirection] = useState(target?.direction ?? 'in');
  const [sitePhotos, setSitePhotos] = useState<PhotoItem[]>([]);
  const [facePhotos, setFacePhotos] = useState<PhotoItem[]>([]);
  const [wechatDone, setWechatDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CheckinView | null>(null);

  const loadSite = async () => {
    if (!target) return;
    try {
      setSite(await checkinApi.list(target.siteKind, target.siteId));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const openFace = async () => {
    if (!target) return;
    setFace(null);
    setWechatDone(false);
    try {
      setFace(await checkinApi.faceSession({ siteKind: target.siteKind, siteId: target.siteId, client: isH5() ? 'h5' : 'weapp' }));
    } catch (e) {
      if (!(e instanceof ApiError && e.code === 'not_enrolled')) setError(errorMessage(e));
    }
  };

  useEffect(() => {
    if (!user) return;
    void checkinApi.enrolment().then(setEnrolment).catch((e) => setError(errorMessage(e)));
    if (target) {
      void loadSite();
      void location.locate();
    }
  }, [!!user]);
  useEffect(() => {
    if (user && enrolment && target) void openFace();
  }, [enrolment?.enrolledAt]);

  const verifyWechat = async () => {
    if (face?.mode !== 'wechat') return;
    setError(null);
    try {
      await requestFacialVerify(face.verifyId);
      setWechatDone(true);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const submit = async () => {
    if (!target || submitting) return;
    setError(null);
    const fix = await location.locate();
    const missing = missingStep({ accuracyM: fix ? fix.accuracy : null, sitePhoto: sitePhotos.length > 0, faceMode: face?.mode ?? null, facePhoto: facePhotos.length > 0, wechatDone, busy });
    if (missing || !fix) {
      setError(missing ?? '需要您当前的位置才能签到，请允许定位后重试');
      return;
    }
    setSubmitting(true);
    try {
      const r = await checkinApi.checkin({
        siteKind: target.siteKind,
        siteId: target.siteId,
        direction,
        gps: { lng: fix.lng, lat: fix.lat, accuracyM: Math.round(fix.accuracy) },
        photoHash: sitePhotos[0].sha256,
        ...(face?.mode === 'wechat' ? { face: { verifyId: face.verifyId } } : face?.mode === 'photo' ? { face: { photoHash: facePhotos[0].sha256 } } : {}),
      });
      setResult(r);
      toast(`${direction === 'in' ? '签到' : '签退'}成功`, 'success');
      scrollToTop();
      void loadSite();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
      // a verify id is good for one check-in, refused or not: ask for a fresh one
      if (face?.mode === 'wechat') void openFace();
    }
  };

  const again = () => {
    setResult(null);
    setSitePhotos([]);
    setFacePhotos([]);
    setDirection(direction === 'in' ? 'out' : 'in');
    void openFace();
  };

  const enrolView = (
    <EnrolForm
      current={enrolment ?? null}
      onDone={(e) => {
        setEnrolment(e);
        setEditing(false);
        toast('登记成功', 'success');
      }}
    />
  );

  return (
    <Page className='checkin-page'>
      <CityLoginGate why='现场签到需登录后进行'>
        {enrolment && !editing ? (
          <View id='checkin-enrolled' className='card muted' data-masked={enrolment.idNumberMasked}>
            已登记：{enrolment.name} · {safeMasked(enrolment.idNumberMasked)}
            <View className='city-link' onClick={() => setEditing(true)}>
              重新登记 ›
            </View>
          </View>
        ) : enrolment !== undefined ? (
          enrolView
        ) : null}

        {target && result ? (
          <View id='checkin-result' className='city-success' data-flags={result.flags.join(',')} data-face={result.faceMatch ? '1' : '0'} data-direction={result.direction}>
            <View className='city-success-title'>{result.direction === 'in' ? '签到成功' : '签退成功'}</View>
            <View>{resultLine(result)}</View>
            <View className='muted'>{formatTime(result.at, new Date())}</View>
            {target.back ? (
              <Button id='checkin-back' className='btn-block' type='primary' block onClick={() => void navigateTo(target.back!).catch(() => undefined)}>
                返回
              </Button>
            ) : null}
            <Button id='checkin-again' className='btn-block' type='primary' fill='outline' block onClick={again}>
              {result.direction === 'in' ? '签退' : '再次签到'}
            </Button>
          </View>
        ) : null}

        {target && !result ? (
          <View className='card'>
            <View id='checkin-site' className='checkin-site'>{site?.site.name ?? '正在读取签到场所…'}</View>
            {site?.site.role ? <View className='muted checkin-role'>您的身份：{site.site.role}</View> : null}
            <View className='city-choices checkin-directions'>
              <View id='checkin-dir-in' className={`city-choice${direction === 'in' ? ' is-pass' : ''}`} data-on={direction === 'in' ? '1' : '0'} onClick={() => setDirection('in')}>
                签到
              </View>
              <View id='checkin-dir-out' className={`city-choice${direction === 'out' ? ' is-pass' : ''}`} data-on={direction === 'out' ? '1' : '0'} onClick={() => setDirection('out')}>
                签退
              </View>
            </View>
            <View className='city-label'>1. 确认位置</View>
            <LocationStatus id='checkin-location' state={location.state} onRetry={() => void location.locate()} purpose='须在场所签到范围内、定位精度 100 米以内；提交时会重新定位' />
            <View className='city-label'>2. 现场照片</View>
            <PhotoPicker idPrefix='checkin-site-photo' items={sitePhotos} onChange={setSitePhotos} onBusyChange={setBusy} max={1} api={checkinApi} addText='拍摄现场' />
            <View className='city-label'>3. 人脸核验</View>
            {!enrolment ? <View className='muted'>请先完成上方的人脸核验登记</View> : null}
            {face?.mode === 'photo' ? (
              <PhotoPicker idPrefix='checkin-face-photo' items={facePhotos} onChange={setFacePhotos} onBusyChange={setBusy} max={1} api={checkinApi} addText='拍摄本人' />
            ) : null}
            {face?.mode === 'wechat' ? (
              wechatDone ? (
                <View id='checkin-face-done' className='checkin-face-done'>已完成微信人脸核身</View>
              ) : (
                <Button id='checkin-face-wechat' className='btn-block' type='primary' fill='outline' block onClick={() => void verifyWechat()}>
                  开始人脸核身
                </Button>
              )
            ) : null}
            {face?.mode === 'none' ? <View className='muted'>该场所无需人脸核验</View> : null}
            <ErrorText id='checkin-error' message={error} />
            <Button id='checkin-submit' className='btn-block' type='primary' size='large' block loading={submitting} disabled={busy} onClick={() => void submit()}>
              {direction === 'in' ? '提交签到' : '提交签退'}
            </Button>
          </View>
        ) : null}
        {!target ? <ErrorText id='checkin-error' message={error} /> : null}

        {site?.checkins.length ? (
          <View id='checkin-history' className='card'>
            <View className='city-label'>本场所签到记录</View>
            {site.checkins.slice(-8).reverse().map((c) => (
              <View key={c.id} className='checkin-history-row' data-seq={c.seq}>
                {formatTime(c.at, new Date())} · {c.userName} · {c.role} · {c.direction === 'in' ? '签到' : '签退'}
                {c.flags.length ? ' · 行程异常' : ''}
              </View>
            ))}
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}

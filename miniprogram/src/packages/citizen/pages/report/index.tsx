import { useEffect, useRef, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage, isApiError } from '../../../../services/api';
import { CITY_PAGES, recallCode } from '../../../../services/city-access';
import { DUPLICATE_OPEN_CASE, type ClassKind } from '../../../../services/city/api';
import { MAX_DESCRIPTION, MAX_REPORT_PHOTOS, reportBody, validateReport } from '../../../../services/city/form-rules';
import { defaultClassFor, sameClassOpenCase, setCityClasses } from '../../../../services/city/view-model';
import { facilityFromCode, type FacilityView } from '../../../../services/city/facility-view';
import { pageParam } from '../../../../services/links';
import { redirectTo, toast } from '../../../../services/adapters/taro';
import { askSubscribe } from '../../../../services/adapters/subscribe';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { resetScroll, revealElement } from '../../../../services/adapters/city-device';
import { ClassPicker } from '../../components/ClassPicker';
import { CityLoginGate } from '../../components/CityLoginGate';
import { LocationStatus, useLocation } from '../../components/LocationStatus';
import { PhotoPicker, type PhotoItem } from '../../components/PhotoPicker';
import { cityApi } from '../../cityApi';
import '../../city.scss';
import './index.scss';

/**
 * 上报: class (pre-selected from the facility), description, 1–9 photos, the position with its accuracy.
 * A same-class open case at this facility is flagged before submitting and, when the server answers
 * `duplicate_open_case`, the citizen is offered to follow it instead (docs/domain/city.md §3.4, §7.4).
 */
export default function Report() {
  const params = useRouter().params;
  const facilityId = pageParam(params.facilityId);
  const token = pageParam(params.c);
  const user = useSessionUser();
  const initial = facilityFromCode(recallCode(token));
  const [facility, setFacility] = useState<FacilityView | null>(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [kind, setKind] = useState<ClassKind>(() => (facilityId ? defaultClassFor(initial).kind : 'event'));
  const [classCode, setClassCode] = useState(() => (facilityId ? defaultClassFor(initial).classCode : ''));
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [publish, setPublish] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<string | null>(null);
  const location = useLocation();
  /** The user chose a class before the facility loaded: keep it. */
  const picked = useRef(false);
  const [, setClassTable] = useState(0);

  useLoad(() => {
    resetScroll();
    // the city's own classes (the facility's city); the built-in table stays if they cannot be read
    cityApi
      .classes(facilityId)
      .then((t) => {
        setCityClasses(t.classes);
        setClassTable(t.version + 1);
      })
      .catch(() => undefined);
    if (facilityId && token && !initial) {
      cityApi
        .code(token)
        .then((code) => {
          const f = facilityFromCode(code);
          if (!f || f.id !== facilityId) {
            setLoadError('该码不是设施码，请重新扫码');
            return;
          }
          setFacility(f);
          if (!picked.current) {
            const d = defaultClassFor(f);
            setKind(d.kind);
            setClassCode(d.classCode);
          }
        })
        .catch((e) => setLoadError(errorMessage(e)));
    }
  });

  // Ask for the position once the user is signed in and looking at the form (privacy: only when needed).
  useEffect(() => {
    if (user && location.state.phase === 'idle') void location.locate();
  }, [!!user]);

  const pick = (k: ClassKind, code: string) => {
    picked.current = true;
    setKind(k);
    setClassCode(code);
    setDuplicate(null);
    setFormError(null);
  };

  const submit = async (follow = false) => {
    if (submitting) return;
    const invalid = validateReport({ kind, classCode, description, photos: photos.length, uploading });
    if (invalid) {
      setFormError(invalid);
      return;
    }
    // 立案/反馈/结案 come as the progress template: ask while the tap is still on the stack (never throws; at once on H5).
    await askSubscribe(['progress']);
    let fix = location.fix;
    if (!facilityId && !fix) {
      fix = await location.locate();
      if (!fix) {
        setFormError('没有设施码时需要您的位置，请允许定位后重试');
        return;
      }
    }
    setSubmitting(true);
    setFormError(null);
    try {
      const r = await cityApi.report(reportBody({ facilityId, kind, classCode, description, photos: photos.map((p) => p.sha256), location: fix, urgent, follow, publish }));
      toast(r.followed ? '已关注该问题，进展会通知您' : '上报成功，感谢您的反映', 'success');
      await redirectTo(CITY_PAGES.case(r.id));
    } catch (e) {
      if (isApiError(e) && e.code === DUPLICATE_OPEN_CASE) {
        setDuplicate(e.message);
        scrollToTop();
      } else setFormError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  // the answer to a duplicate report is shown where the user looks, once it is on the page
  useEffect(() => {
    if (duplicate) revealElement('#report-duplicate');
  }, [duplicate]);

  const openSame = facility ? sameClassOpenCase(facility.openCases, kind, classCode) : null;

  return (
    <Page className='city-report-page'>
      <CityLoginGate why='登录后上报，处理进展会通知您；您的身份不会向责任单位公开'>
        <ErrorText message={loadError} />
        {facility ? (
          <View id='report-facility' className='card report-facility' data-id={facility.id}>
            <View className='muted'>上报设施</View>
            <View className='report-facility-name'>{facility.name}</View>
            {facility.maintainer ? <View className='muted'>养护单位：{facility.maintainer}</View> : null}
          </View>
        ) : null}

        {duplicate ? (
          <View id='report-duplicate' className='city-warning'>
            <View className='city-warning-title'>不必重复上报</View>
            <View className='report-duplicate-text'>{duplicate}</View>
            <View className='muted report-duplicate-hint'>关注后，立案、处置、结案等进展都会通知您。</View>
            <View className='city-form-buttons'>
              <Button className='city-form-button' fill='outline' onClick={() => setDuplicate(null)}>
                返回修改
              </Button>
              <Button id='report-follow' className='city-form-button' type='primary' loading={submitting} onClick={() => void submit(true)}>
                关注该问题
              </Button>
            </View>
          </View>
        ) : null}

        <View className='card'>
          <View className='city-label'>
            问题类型<Text className='city-required'>*</Text>
          </View>
          <ClassPicker idPrefix='report' kind={kind} classCode={classCode} onChange={pick} openCases={facility?.openCases} />
          {openSame && !duplicate ? (
            <View id='report-same-open' className='city-note report-same-open'>
              该设施的“{openSame.className}”问题正在处理中。若是同一问题，提交后可直接关注，不必重复上报。
            </View>
          ) : null}

          <View className='city-label'>
            问题描述<Text className='city-required'>*</Text>
          </View>
          <Textarea
            id='report-description'
            className='city-textarea'
            value={description}
            maxlength={MAX_DESCRIPTION}
            placeholder='请描述问题，如：井盖破损松动，行人容易踩空'
            onInput={(e) => {
              setDescription(e.detail.value);
              setFormError(null);
            }}
          />
          <View className='city-counter'>{description.trim().length}/{MAX_DESCRIPTION}</View>

          <View className='city-label'>
            现场照片<Text className='city-required'>*</Text>
            <Text className='muted'>（1–{MAX_REPORT_PHOTOS} 张）</Text>
          </View>
          <PhotoPicker idPrefix='report-photo' items={photos} onChange={(p) => {
              setPhotos(p);
              setFormError(null);
            }} onBusyChange={setUploading} max={MAX_REPORT_PHOTOS} />

          <View className='city-label'>{facilityId ? '我的位置（选填）' : '问题位置'}</View>
          <LocationStatus
            id='report-location'
            state={location.state}
            onRetry={() => void location.locate()}
            purpose={facilityId ? '用于核实上报位置；无法定位时也可提交，以设施位置为准' : '没有设施码时，按您的位置派给所在网格处理'}
          />

          <View id='report-urgent' className='row city-toggle' data-on={urgent ? '1' : '0'} onClick={() => setUrgent(!urgent)}>
            <View className={`city-check${urgent ? ' is-on' : ''}`}>{urgent ? '✓' : ''}</View>
            <View>
              <View className='report-urgent-label'>紧急：危及人身或交通安全</View>
              <View className='muted'>紧急问题按更短时限处置，请如实勾选</View>
            </View>
          </View>

          <View id='report-publish' className='row city-toggle' data-on={publish ? '1' : '0'} onClick={() => setPublish(!publish)}>
            <View className={`city-check${publish ? ' is-on' : ''}`}>{publish ? '✓' : ''}</View>
            <View>
              <View className='report-urgent-label'>同意公开问题描述</View>
              <View className='muted'>立案后，问题类别和大致位置会向社会公开；勾选后描述文字也会公开（照片和精确位置不公开）</View>
            </View>
          </View>

          <ErrorText id='report-error' message={formError} />
          <Button id='report-submit' className='btn-block' type='primary' size='large' block loading={submitting} disabled={uploading} onClick={() => void submit(false)}>
            提交上报
          </Button>
          <View className='city-note'>您的姓名和手机号不会向责任单位公开。</View>
        </View>
      </CityLoginGate>
    </Page>
  );
}

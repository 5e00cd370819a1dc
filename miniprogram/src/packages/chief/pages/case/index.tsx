import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { ActionButtons } from '../../../../components/ActionButtons';
import { FormButtons } from '../../../../components/FormButtons';
import { FormTextarea } from '../../../../components/FormTextarea';
import { KvItem } from '../../../../components/KvItem';
import { useFormSubmit } from '../../../../components/useFormSubmit';
import { useRecordWithPolicies } from '../../../../components/useRecordLoader';
import { workingHoursText } from '../../../../services/city/view-model';
import { caseViewer, staffStateText } from '../../../../services/city/staff-wording';
import { useSessionUser } from '../../../../components/hooks';
import { caseActionBody, staffActionSpec, validateCaseAction, visibleStaffActions } from '../../../../services/city/form-rules';
import { pageParam } from '../../../../services/links';
import { formatTime } from '../../../../services/format';
import { type CaseAction, type CaseDetail } from '../../../../services/city/api';
import { toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { canOpenMap, openMap, resetScroll } from '../../../../services/adapters/city-device';
import { UnitReportBeside } from '../../components/UnitReportBeside';
import { SuperviseForm } from '../../components/SuperviseForm';
import { SupervisionNote } from '../../../citizen/components/SupervisionNote';
import { CaseHeader, CaseTimeline, StateBadge } from '../../../citizen/components/CaseParts';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { LocationStatus, useLocation } from '../../../citizen/components/LocationStatus';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { cityApi } from '../../../citizen/cityApi';
import { gridName, unitChoices, unitName } from '../../directory/directory';
import { useDirectory } from '../../directory/useDirectory';
import '../../../citizen/city.scss';
import './index.scss';
import { CASE_REASON_MAX } from '@cityloop/shared/city/case.limits';

/**
 * 案件详情 for the people who work it: the case, its whole trail, and exactly the actions the server's
 * `policies` allow this caller (立案/派遣 for the area chief, 接单/反馈 for the unit, 核查 for the patroller…),
 * each with the inputs the transition table requires.
 */
export default function StaffCase() {
  const id = pageParam(useRouter().params.id);
  useLoad(resetScroll);
  const { data: c, policies, error, load, show } = useRecordWithPolicies<CaseDetail>(id, '缺少案件编号', (key) => cityApi.case(key));
  const { busy, formError, setFormError, send, edited } = useFormSubmit<CaseAction>(load);
  const submitting = busy !== null;
  const [action, setAction] = useState<CaseAction | null>(null);
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [outcome, setOutcome] = useState<'pass' | 'fail' | null>(null);
  const [unitId, setUnitId] = useState('');
  const [hours, setHours] = useState('');
  const [gridId, setGridId] = useState('');
  const [uploading, setUploading] = useState(false);
  const location = useLocation();
  const user = useSessionUser();
  // names for the unit and grid ids (area chiefs and regulators; others keep seeing ids)
  const directory = useDirectory([c?.townId]);

  const closeForm = () => {
    setAction(null);
    setReason('');
    setPhotos([]);
    setOutcome(null);
    setHours('');
    setFormError(null);
  };

  const openForm = (a: CaseAction) => {
    if (a === action) {
      closeForm();
      return;
    }
    closeForm();
    setAction(a);
    const s = staffActionSpec(a);
    if (s?.unit) setUnitId(c?.unitId ?? '');
    if (s?.locate && location.state.phase !== 'ok') void location.locate();
  };

  const submit = async () => {
    const spec = action ? staffActionSpec(action) : undefined;
    if (!c || !spec || submitting) return;
    const input = { reason, photos: photos.map((p) => p.sha256), outcome, unitId, hours, gridId, uploading };
    const invalid = spec.unit && !unitId ? '请选择责任单位' : validateCaseAction(spec, input);
    if (invalid) {
      setFormError(invalid);
      return;
    }
    await send(spec.action, async () => {
      show(await cityApi.act(c.id, caseActionBody(spec, c.version, input, location.fix)));
      toast(`${spec.title}已提交`, 'success');
      closeForm();
      scrollToTop();
    });
  };

  const actions = visibleStaffActions(policies);
  const choices = unitChoices(directory, unitId);
  const spec = action ? staffActionSpec(action) : undefined;
  const now = new Date();

  return (
    <Page className='city-staff-case-page'>
      <CityLoginGate why='案件办理仅向片长、责任单位、巡查员和监管部门开放'>
        <LoadState error={error} loaded={!!c} onRetry={() => void load()} />
        {c ? (
          <View>
            <View id='case-summary' className='card' data-state={c.state} data-version={c.version}>
              <View className='row'>
                <Text className='muted'>当前状态</Text>
                <View className='spacer' />
                <StateBadge id='case-state' state={c.state} label={c.stateLabel} />
              </View>
              <View className='staff-state-text'>{staffStateText(c.state, caseViewer(user?.roles, policies))}</View>
              <View className='city-kv'>
                <KvItem classPrefix='city' label='网格' id='case-grid' data-grid={c.gridId ?? ''}>
                  {gridName(directory, c.gridId, c.gridName) || '—'}
                </KvItem>
                <KvItem classPrefix='city' label='责任单位' id='case-unit' data-unit={c.unitId ?? ''}>
                  {unitName(directory, c.unitId, c.unitName) || '待定'}
                </KvItem>
                {c.stepDue ? (
                  <KvItem classPrefix='city' label={`${c.stepDue.label}时限`} id='case-step-due' data-step={c.stepDue.step} data-at={c.stepDue.at} data-overdue={c.stepDue.overdue ? 'true' : 'false'}>
                    <Text className={c.stepDue.overdue ? 'city-overdue' : ''}>{formatTime(c.stepDue.at, now)}{c.stepDue.overdue ? '（已超期）' : ''}</Text>
                  </KvItem>
                ) : null}
                {c.remindedAt ? <KvItem classPrefix='city' label='最近催办' id='case-reminded'>{formatTime(c.remindedAt, now)}</KvItem> : null}
                <KvItem classPrefix='city' label='返工次数'>{c.reworkCount}</KvItem>
                <KvItem classPrefix='city' label='关注人数'>{c.followers}</KvItem>
              </View>
              {c.location && canOpenMap() ? (
                <Text id='case-navigate' className='city-link staff-navigate' onClick={() => openMap(c.location!, c.facilityName || c.placeName || c.className)}>
                  导航到现场 ›
                </Text>
              ) : null}
              {c.routingMissing?.length ? <View className='city-note'>自动派遣信息不全（{c.routingMissing.join('、')}），请人工确认责任单位。</View> : null}
              <SupervisionNote supervision={c.supervision} now={now} />
              {c.extensionPending ? (
                <View id='case-extension-pending' className='city-hint'>
                  延期申请待审批：{workingHoursText(c.extensionPending.hours)}
                  {c.extensionPending.reason ? `，原因：${c.extensionPending.reason}` : ''}
                </View>
              ) : null}
            </View>

            {policies.supervise ? <SuperviseForm c={c} onDone={show} /> : null}
            {actions.length ? (
              <ActionButtons idPrefix='case' classPrefix='city' actions={actions} open={action} onOpen={openForm} />
            ) : (
              <View id='case-no-actions' className='muted staff-no-actions'>
                当前没有需要您办理的操作
              </View>
            )}

            {spec ? (
              <View id='case-form' className='card' data-action={spec.action}>
                <View className='city-form-title'>{spec.title}</View>

                {spec.outcome ? <UnitReportBeside timeline={c.timeline} now={now} /> : null}

                {spec.outcome ? (
                  <View>
                    <View className='city-label'>
                      核查结果<Text className='city-required'>*</Text>
                    </View>
                    <View className='city-choices'>
                      <View id='case-outcome-pass' className={`city-choice${outcome === 'pass' ? ' is-pass' : ''}`} data-on={outcome === 'pass' ? '1' : '0'} onClick={() => setOutcome('pass')}>
                        通过
                      </View>
                      <View id='case-outcome-fail' className={`city-choice${outcome === 'fail' ? ' is-fail' : ''}`} data-on={outcome === 'fail' ? '1' : '0'} onClick={() => setOutcome('fail')}>
                        不通过（返工）
                      </View>
                    </View>
                  </View>
                ) : null}

                {spec.unit ? (
                  <View>
                    <View className='city-label'>
                      责任单位<Text className='city-required'>*</Text>
                    </View>
                    <UnitPicker units={choices.units} index={choices.index} onPick={edited(setUnitId)} />
                    <View className='muted staff-field-hint'>已按问题类别和网格预选责任单位，如有误请点击重新选择</View>
                  </View>
                ) : null}

                {spec.grid ? (
                  <View>
                    <View className='city-label'>
                      接收网格<Text className='city-required'>*</Text>
                    </View>
                    <GridPicker grids={directory?.grids ?? []} value={gridId} onPick={edited(setGridId)} />
                    <View className='muted staff-field-hint'>交由网格后，由该网格片长受理和派遣</View>
                  </View>
                ) : null}

                {spec.hours ? (
                  <View>
                    <View className='city-label'>
                      延期工作小时数<Text className='city-required'>*</Text>
                    </View>
                    <Input id='case-form-hours' className='text-input' type='digit' value={hours} placeholder='如 7.5（= 1 个工作日）' onInput={(e) => setHours(e.detail.value)} />
                  </View>
                ) : null}

                {spec.reason !== 'none' ? (
                  <View>
                    <View className='city-label'>
                      {spec.reasonLabel}
                      {spec.reason === 'required' || (spec.reason === 'on_fail' && outcome === 'fail') ? <Text className='city-required'>*</Text> : null}
                    </View>
                    <FormTextarea id='case-form-reason' className='city-textarea' value={reason} maxlength={CASE_REASON_MAX} placeholder={spec.placeholder} onChange={edited(setReason)} />
                  </View>
                ) : null}

                {spec.photos ? (
                  <View>
                    <View className='city-label'>
                      {spec.action === 'report' ? '处置后现场照片' : '核查现场照片'}
                      <Text className='city-required'>*</Text>
                    </View>
                    <PhotoPicker idPrefix='case-photo' items={photos} onChange={edited(setPhotos)} onBusyChange={setUploading} />
                  </View>
                ) : null}

                {spec.locate ? (
                  <View>
                    <View className='city-label'>现场位置（选填）</View>
                    <LocationStatus id='case-location' state={location.state} onRetry={() => void location.locate()} purpose='附在办理记录中，作为到场处置、核查的依据' />
                  </View>
                ) : null}

                <ErrorText id='case-form-error' message={formError} />
                <FormButtons classPrefix='city' submitId='case-submit' submitting={submitting} disabled={uploading} onCancel={closeForm} onSubmit={() => void submit()}>
                  提交{spec.label}
                </FormButtons>
              </View>
            ) : null}

            <View className='card'>
              <CaseHeader c={c} now={now} />
            </View>

            <View className='section-title'>办理记录（全程留痕）</View>
            <CaseTimeline entries={c.timeline} now={now} />
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}

/** 交由网格: one of the town's grids (ids for tests: `#case-form-grid` with `data-grid`). */
function GridPicker({ grids, value, onPick }: { grids: { id: string; name: string }[]; value: string; onPick: (id: string) => void }) {
  const index = grids.findIndex((g) => g.id === value);
  return (
    <View id='case-form-grid' className='staff-unit-picker' data-grid={value} data-count={grids.length}>
      <Picker mode='selector' range={grids.map((g) => g.name)} value={Math.max(index, 0)} onChange={(e) => grids[Number(e.detail.value)] && onPick(grids[Number(e.detail.value)].id)}>
        <View id='case-form-grid-value' className={`text-input staff-unit-value${index >= 0 ? '' : ' staff-unit-value--empty'}`}>
          <Text className='staff-unit-name'>{index >= 0 ? grids[index].name : '请选择网格'}</Text>
          <Text className='staff-unit-arrow'>›</Text>
        </View>
      </Picker>
    </View>
  );
}

/**
 * 责任单位 as a picker of the town's units (names, not ids), starting on the routed unit. Ids for tests:
 * `#case-form-unit` (with `data-unit`, the chosen id) and `#case-form-unit-value` (the shown name).
 */
function UnitPicker({ units, index, onPick }: { units: { id: string; name: string }[]; index: number; onPick: (id: string) => void }) {
  const chosen = index >= 0 ? units[index] : undefined;
  const pick = (i: number) => units[i] && onPick(units[i].id);
  return (
    <View id='case-form-unit' className='staff-unit-picker' data-unit={chosen?.id ?? ''} data-count={units.length}>
      <Picker mode='selector' range={units.map((u) => u.name)} value={Math.max(index, 0)} onChange={(e) => pick(Number(e.detail.value))}>
        <View id='case-form-unit-value' className={`text-input staff-unit-value${chosen ? '' : ' staff-unit-value--empty'}`}>
          <Text className='staff-unit-name'>{chosen?.name ?? '请选择责任单位'}</Text>
          <Text className='staff-unit-arrow'>›</Text>
        </View>
      </Picker>
    </View>
  );
}

export default defineAppConfig({
  // Main package: only what every user needs. Role features go in subpackages (packages/<role>/).
  pages: ['pages/index/index', 'pages/scan/index', 'pages/login/index', 'pages/inbox/index', 'pages/profile/index'],
  subPackages: [
    // 城市服务码 (issue 3): citizen reports, patrol check-ins, the case loop for staff.
    { root: 'packages/citizen', name: 'citizen', pages: ['pages/facility/index', 'pages/report/index', 'pages/cases/index', 'pages/case/index'] },
    { root: 'packages/patrol', name: 'patrol', pages: ['pages/today/index', 'pages/scan/index'] },
    {
      root: 'packages/chief',
      name: 'chief',
      pages: ['pages/queue/index', 'pages/case/index', 'pages/rules/index', 'pages/coverage/index', 'pages/metrics/index', 'pages/shops/index', 'pages/pit-stats/index', 'pages/appeals/index', 'pages/shop-new/index', 'pages/invite/index'],
    },
    {
      root: 'packages/pit',
      name: 'pit',
      pages: [
        'pages/projects/index',
        'pages/project/index',
        'pages/point/index',
        'pages/alarms/index',
        'pages/alarm/index',
        'pages/uploads/index',
        'pages/upload/index',
        'pages/danger/index',
        'pages/onboard/index',
        'pages/setup/index',
      ],
    },
    // 门前三包: the citizen side of plaques (scan → view, complain, confirm) and the shop owner's side.
    { root: 'packages/plaque', name: 'plaque', pages: ['pages/view/index', 'pages/complain/index', 'pages/complaint/index'] },
    { root: 'packages/shop', name: 'shop', pages: ['pages/mine/index', 'pages/complaint/index', 'pages/bind/index'] },
    // 消防检测监管: agency staff (projects, on site, report), the regulator (events, drill-down, acceptance), the public report check
    { root: 'packages/fire', name: 'fire', pages: ['pages/projects/index', 'pages/plan/index', 'pages/project/index', 'pages/events/index', 'pages/event/index', 'pages/agency/index', 'pages/check/index', 'pages/registry/index', 'pages/import/index'] },
    // 城市数据 (issue 12): the class table with step SLA and the working calendar per year; grids and 片长, units and
    // routing rows, facility edits — the city admin and regulators.
    // 现场签到 (face + GPS, hash-chained): one page every domain links to (contexts/checkin)
    { root: 'packages/checkin', name: 'checkin', pages: ['pages/checkin/index'] },
    // 预拌混凝土: the plant (tickets), the site (acceptance, witnessed sampling), the lab (receipt), the regulator, the public check
    {
      root: 'packages/concrete',
      name: 'concrete',
      pages: ['pages/hub/index', 'pages/plant/index', 'pages/ticket/index', 'pages/project/index', 'pages/pour/index', 'pages/lab/index', 'pages/regulator/index', 'pages/case/index', 'pages/trace/index', 'pages/analysis/index', 'pages/registry/index', 'pages/materials/index'],
    },
    { root: 'packages/review', name: 'review', pages: ['pages/reviews/index', 'pages/review/index', 'pages/experts/index', 'pages/projects/index', 'pages/register/index', 'pages/project/index', 'pages/scheme/index', 'pages/stats/index', 'pages/invitations/index', 'pages/library/index', 'pages/library-import/index'] },
    { root: 'packages/admin', name: 'admin', pages: ['pages/classes/index', 'pages/calendar/index', 'pages/grids/index', 'pages/units/index', 'pages/facilities/index'] },
  ],
  window: {
    // Taro H5 shows its title bar (with a back button) only for an explicit 'default'.
    navigationStyle: 'default',
    navigationBarTitleText: '城建监管',
    navigationBarBackgroundColor: '#1f5fbf',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f9',
    backgroundTextStyle: 'dark',
  },
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于巡查签到、现场检查和问题上报时记录您所在的位置，便于核实和就近处置',
    },
  },
  lazyCodeLoading: 'requiredComponents',
});

export default definePageConfig({
  navigationBarTitleText: '监测曲线',
});

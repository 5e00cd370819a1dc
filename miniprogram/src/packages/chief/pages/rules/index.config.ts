export default definePageConfig({
  navigationBarTitleText: '巡查规则',
});

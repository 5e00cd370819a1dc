export default definePageConfig({
  navigationBarTitleText: '专项施工方案',
});

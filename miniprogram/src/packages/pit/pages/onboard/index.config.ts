export default definePageConfig({
  navigationBarTitleText: '登记基坑项目',
});

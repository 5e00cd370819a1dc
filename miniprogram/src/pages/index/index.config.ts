export default definePageConfig({
  navigationBarTitleText: '城建监管',
});

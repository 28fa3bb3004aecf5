import { WorkroomsPage } from './CommunityLists.tsx';
export default WorkroomsPage;

import { HouseAnnotationsPage } from './CommunityLists.tsx';
export default HouseAnnotationsPage;

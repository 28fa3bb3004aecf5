import { StallPointsPage } from './CommunityLists.tsx';
export default StallPointsPage;

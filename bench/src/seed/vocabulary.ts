/** Words the seeder builds realistic titles, descriptions and names from. */

export const FIRST_NAMES = [
  'Aisha', 'Alan', 'Amina', 'Anna', 'Ben', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Deepa', 'Emma', 'Fatima', 'Gareth',
  'Grace', 'Hannah', 'Ibrahim', 'Isla', 'Jack', 'James', 'Jin', 'Kofi', 'Laura', 'Li', 'Lucy', 'Mark', 'Maria', 'Mei',
  'Mohammed', 'Nadia', 'Noah', 'Olga', 'Omar', 'Priya', 'Rachel', 'Rita', 'Sam', 'Sara', 'Sofia', 'Tom', 'Tunde',
  'Wei', 'Yusuf', 'Zara', 'Zoe', 'Patrick', 'Niamh', 'Kwame', 'Elena', 'Ravi', 'Ingrid',
];

export const LAST_NAMES = [
  'Adams', 'Ahmed', 'Brown', 'Campbell', 'Chen', 'Clarke', 'Davies', 'Evans', 'Garcia', 'Green', 'Hall', 'Hughes',
  'Jones', 'Khan', 'Kowalski', 'Lee', 'Lewis', 'Martin', 'Mensah', 'Murphy', 'Nguyen', 'Novak', 'Okafor', 'Patel',
  'Roberts', 'Robinson', 'Santos', 'Singh', 'Smith', 'Taylor', 'Thomas', 'Walker', 'White', 'Williams', 'Wilson',
  'Wood', 'Wright', 'Young', 'Yilmaz', 'Zhang',
];

export const STREETS = [
  'Mill Lane', 'High Street', 'Station Road', 'Church Street', 'Victoria Road', 'Park Avenue', 'Queen Street',
  'Elm Grove', 'Canal Walk', 'Market Square', 'Oak Road', 'Bridge Street', 'King Street', 'Chapel Lane', 'Brook Road',
  'Hill Rise', 'Meadow Way', 'Riverside', 'School Lane', 'Orchard Close', 'Albert Road', 'North Street', 'London Road',
  'Green Lane', 'Windmill Hill', 'Cherry Tree Walk', 'Foundry Street', 'Harbour Road', 'Forge Lane', 'Abbey Road',
];

export const PLACES = [
  'the library', 'the station', 'the park', 'the playground', 'the primary school', 'the community centre',
  'the shopping parade', 'the bus stop', 'the car park', 'the underpass', 'the canal towpath', 'the leisure centre',
  'the health centre', 'the church', 'the football pitch', 'the supermarket', 'the takeaway', 'the allotments',
  'the garages', 'the recycling point', 'the bridge', 'the skate park', 'the job centre', 'the college',
];

export const WHERE = ['behind', 'outside', 'near', 'next to', 'opposite', 'around', 'in front of', 'at'];

export const WHEN = [
  'every evening', 'at night', 'on weekends', 'after school', 'late at night', 'most mornings', 'every Friday',
  'since last month', 'again and again', 'during school runs', 'at closing time', 'after dark',
];

/** Issue phrases by category code (the categories the migrations seed). */
export const ISSUES: Record<string, string[]> = {
  ANTISOCIAL_BEHAVIOUR: ['Groups drinking and shouting', 'Loud music and noise', 'Fireworks thrown at people', 'Youths blocking the path', 'Littering and rowdy groups'],
  DRUGS: ['Drug dealing', 'Drug use and needles found', 'Cannabis smoking', 'Suspected dealing from cars', 'Drug litter'],
  THEFT: ['Bike theft', 'Shoplifting', 'Parcels stolen from doorsteps', 'Catalytic converters stolen', 'Phone snatching'],
  BURGLARY: ['Sheds broken into', 'Break-ins', 'Attempted burglaries', 'Garages forced open', 'Burglary of flats'],
  VANDALISM: ['Graffiti', 'Smashed bus shelter', 'Broken windows', 'Damaged benches', 'Cars keyed'],
  TRAFFIC: ['Speeding cars', 'Dangerous parking', 'Racing motorbikes', 'Lorries using the rat run', 'Cars on the pavement'],
  VIOLENCE: ['Fights', 'Assaults', 'Threats with knives', 'Street robbery', 'Violent disorder'],
  HARASSMENT: ['Harassment of women', 'Intimidation of residents', 'Racist abuse', 'Verbal abuse', 'Stalking'],
  ENVIRONMENT: ['Broken streetlights', 'Fly-tipping', 'Overgrown hedges hiding the path', 'Dark alleyway', 'Abandoned cars'],
  YOUTH: ['Nothing for teenagers to do', 'Young people being exploited', 'Truanting pupils', 'Youth gangs', 'Children out late'],
  OTHER: ['Noise complaints', 'Begging', 'Dog fouling', 'Rough sleeping', 'Unsafe building site'],
};

/** Category codes with how often residents report each (relative). */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  ANTISOCIAL_BEHAVIOUR: 20, DRUGS: 12, THEFT: 12, BURGLARY: 6, VANDALISM: 12, TRAFFIC: 14, VIOLENCE: 4,
  HARASSMENT: 4, ENVIRONMENT: 9, YOUTH: 4, OTHER: 3,
};

export const DETAILS = [
  'It has been going on for weeks and residents feel unsafe walking home.',
  'Neighbours have reported it several times but nothing changes.',
  'Children walk past here on the way to school.',
  'The lighting is poor and there is no CCTV.',
  'Older residents now avoid the area after dark.',
  'Shop owners say it is hurting business.',
  'It gets worse when the weather is warm.',
  'People gather in the same spot, usually in a group of five or six.',
  'There is broken glass and litter left behind every morning.',
  'Parents are worried about the playground nearby.',
  'Cars drive far too fast and there are no speed bumps.',
  'A fence was damaged and has never been repaired.',
  'Several bikes have gone missing from the racks.',
  'The hedges are overgrown so nobody can see what happens.',
  'We would like a community meeting with the local team.',
];

export const SOLUTION_IDEAS = [
  'Install better street lighting', 'Add CCTV covering the entrance', 'Regular patrols in the evening',
  'Youth club sessions on Friday nights', 'Trim the hedges and clear the path', 'Fit secure bike racks',
  'Speed bumps and a 20 mph limit', 'A neighbourhood watch rota', 'Lock the gate at night',
  'Community clean-up day', 'Mural project with local artists', 'Outreach workers on weekends',
  'Move the bus stop to a busier spot', 'Alley gating scheme', 'Free property marking event',
  'Mentoring scheme with the college', 'Report line for shop owners', 'Replace the broken shelter',
];

/** Full-text queries of the search scenario: common, middling and rare terms (all occur in the data). */
export const SEARCH_TERMS = [
  'graffiti', 'speeding', 'bike theft', 'drug dealing', 'streetlights', 'fly-tipping', 'library', 'playground',
  'noise', 'parking', 'burglary', 'harassment', 'needles', 'catalytic', 'skate park', 'allotments', 'school',
  'shoplifting', 'fireworks', 'canal towpath',
];

export const ORGANISATION_KINDS = ['Residents Association', 'Youth Trust', 'Community Garden', 'Business Forum', 'Tenants Group'];

def find_parties(text, towns, villages):
    return [], [], None
def count_people(text):
    return None

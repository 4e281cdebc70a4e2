from journeys.insights.suppression import Cell, count_cell, measure_cell, partition_cells, share_cell


def shown(cells):
    return [str(cell) for cell in cells]


def test_it_shows_zero_and_groups_of_five_or_more():
    assert shown([count_cell(0), count_cell(5), count_cell(123)]) == ["0", "5", "123"]


def test_it_hides_groups_of_one_to_four():
    assert shown([count_cell(n) for n in (1, 2, 3, 4)]) == ["< 5"] * 4


def test_it_hides_a_second_cell_so_a_single_small_group_cannot_be_subtracted_from_the_total():
    assert shown(partition_cells([20, 3, 8, 0])) == ["20", "< 5", "verborgen", "0"]


def test_it_needs_no_second_cell_when_two_small_groups_already_hide_each_other():
    assert shown(partition_cells([20, 3, 2, 9])) == ["20", "< 5", "< 5", "9"]


def test_it_hides_averages_and_shares_built_on_fewer_than_five():
    assert str(measure_cell(4.2, basis=4, kind="rating")) == "< 5"
    assert str(measure_cell(4.25, basis=5, kind="rating")) == "4,3"
    assert str(share_cell(3, 4)) == "< 5"
    assert str(share_cell(2, 3 * 3)) == "22%"
    assert str(share_cell(0, 0)) == "\u2013"


def test_it_writes_plain_numbers_and_markers_to_csv():
    assert [c.csv_value for c in (Cell(7), Cell(None, suppressed="small"), Cell(None, suppressed="hidden"),
                                  Cell(2.25, kind="days"), Cell(66.6, kind="percent"))] == [
        "7", "<5", "verborgen", "2.3", "67"]
